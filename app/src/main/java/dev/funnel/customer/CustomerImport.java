package dev.funnel.customer;

import java.time.LocalDate;

/**
 * One customer of an import; the parent company is named, since it may be another row of the same file.
 *
 * @param line       the line of the file the row came from, for messages that point at another row
 * @param createdOn  when the customer was first entered in the system it comes from; null for the day of the
 *                   import
 * @param ownedSince since when its owner has had it, which starts the protection period (for a customer in the
 *                   pool, since when it is there); null for the moment of the import, so that an import never
 *                   sends customers straight back to the pool
 * @param inPool     whether the customer comes without an owner, into the customer pool (公海)
 */
public record CustomerImport(int line, CustomerDraft draft, String parentName, LocalDate createdOn,
                             LocalDate ownedSince, boolean inPool) {

    /** A customer with an owner (the draft's, or the importer), entered and owned from the day of the import. */
    public CustomerImport(int line, CustomerDraft draft, String parentName) {
        this(line, draft, parentName, null, null, false);
    }
}
