package dev.funnel.analytics;

/** A target from a spreadsheet row (line: the row's number in the file). */
public record TargetImport(int line, TargetDraft draft) {
}
