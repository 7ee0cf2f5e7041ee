package dev.funnel.exchange;

/** A field a column can be mapped to: its name in mappings, whether a row needs it, and what it holds. */
public record ImportField(String name, boolean required, Kind kind) {

    /** How a cell is read. */
    public enum Kind {
        TEXT,
        NUMBER,
        AMOUNT,
        DATE,
        CHOICE,
        REFERENCE
    }
}
