package dev.funnel.importexport.internal;

import dev.funnel.platform.FieldProblem;

/** A problem found in one cell (or, with a null column, one row) while reading it into a field. */
public record CellError(Integer row, String column, String value, FieldProblem problem) {
}
