package dev.funnel.platform;

/** What is wrong with one row of many (an import): its index in the list checked, and the field's problem. */
public record RowProblem(int index, FieldProblem problem) {
}
