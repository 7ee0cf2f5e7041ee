package dev.funnel.catalog;

/**
 * One product of an import; a missing code is made from the name.
 *
 * @param line the line of the file the row came from, for messages that point at another row
 */
public record ProductImport(int line, ProductDraft draft) {
}
