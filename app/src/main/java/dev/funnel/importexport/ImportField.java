package dev.funnel.importexport;

import java.util.List;

/**
 * A field a column can be mapped to: its name in mappings, whether a row needs it, what it holds, and the column
 * headers people give it in their spreadsheets (客户名称, Account, Close Date …), which the wizard recognises.
 */
public record ImportField(String name, boolean required, Kind kind, List<String> headers) {

    /** How a cell is read. */
    public enum Kind {
        TEXT,
        NUMBER,
        AMOUNT,
        DATE,
        CHOICE,
        REFERENCE
    }

    public ImportField {
        headers = List.copyOf(headers);
    }

    public ImportField(String name, boolean required, Kind kind, String... headers) {
        this(name, required, kind, List.of(headers));
    }
}
