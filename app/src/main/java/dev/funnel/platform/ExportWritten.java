package dev.funnel.platform;

/**
 * A user downloaded a list: which list, in which format, how many rows. Heard by the audit trail.
 *
 * @param list   the list's name, as in the file name ({@code customers})
 * @param format {@code csv} or {@code xlsx}
 * @param rows      the data rows written
 * @param completed whether the file was written to its end; if not (the browser went away, a page could not be
 *                  read), the rows before the break still left the server, so the export is recorded all the same
 */
public record ExportWritten(String list, String format, int rows, boolean completed) {
}
