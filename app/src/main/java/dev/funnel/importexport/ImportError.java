package dev.funnel.importexport;

/**
 * One problem of an import, as the error report lists it: the spreadsheet row (the header is row 1; null for a
 * problem of the whole file), the column (null when none is to blame), the cell's value and the reason, in the
 * user's language.
 */
public record ImportError(Integer row, String column, String value, String reason) {
}
