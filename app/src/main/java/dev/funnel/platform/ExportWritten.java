package dev.funnel.platform;

/**
 * A user downloaded a list: which list, in which format, how many rows. Heard by the audit trail.
 *
 * @param list   the list's name, as in the file name ({@code customers})
 * @param format {@code csv} or {@code xlsx}
 * @param rows   the data rows written
 */
public record ExportWritten(String list, String format, int rows) {
}
