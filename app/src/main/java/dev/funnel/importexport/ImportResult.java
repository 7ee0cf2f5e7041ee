package dev.funnel.importexport;

import java.util.List;

/**
 * The outcome of an import. {@code rows} counts the data rows read; {@code imported} those written, which is 0
 * when the import was rejected.
 */
public record ImportResult(Status status, int rows, int imported, List<ImportError> errors) {

    public ImportResult {
        errors = List.copyOf(errors);
    }

    /** COMPLETED: rows were written (all, or in valid-only mode the valid ones). REJECTED: nothing was written. */
    public enum Status {
        COMPLETED,
        REJECTED
    }
}
