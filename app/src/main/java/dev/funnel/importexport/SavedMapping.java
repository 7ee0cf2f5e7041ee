package dev.funnel.importexport;

/** A mapping a user saved under a name, to reuse with the next file of the same shape. */
public record SavedMapping(long id, ImportEntity entity, String name, ImportMapping mapping) {
}
