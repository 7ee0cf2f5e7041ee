package dev.funnel.customer;

/**
 * One customer of an import; the parent company is named, since it may be another row of the same file.
 *
 * @param line the line of the file the row came from, for messages that point at another row
 */
public record CustomerImport(int line, CustomerDraft draft, String parentName) {
}
