package dev.funnel.importexport;

import java.util.List;

/** A dry run of an import: how many rows the file has, how many would be written, and every problem. */
public record ImportCheck(int rows, int valid, List<ImportError> errors) {

    public ImportCheck {
        errors = List.copyOf(errors);
    }
}
