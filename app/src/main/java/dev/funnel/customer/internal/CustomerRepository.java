package dev.funnel.customer.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CONTACT;
import static dev.funnel.jooq.Tables.CUSTOMER;

import dev.funnel.customer.Contact;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.identity.VisibleScope;
import dev.funnel.jooq.tables.records.CustomerRecord;
import dev.funnel.platform.PageRequest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Customers and contacts. Every read takes the caller's {@link VisibleScope}. */
@Repository
public class CustomerRepository {

    private final DSLContext db;

    CustomerRepository(DSLContext db) {
        this.db = db;
    }

    public List<Customer> find(VisibleScope scope, CustomerFilter filter, PageRequest page) {
        return db.select(CUSTOMER.fields()).select(APP_USER.FULL_NAME)
                .from(CUSTOMER)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .where(matching(scope, filter))
                .orderBy(CUSTOMER.NAME, CUSTOMER.ID)
                .limit(page.size()).offset(page.offset())
                .fetch(CustomerRepository::toCustomer);
    }

    public long count(VisibleScope scope, CustomerFilter filter) {
        return db.fetchCount(CUSTOMER, matching(scope, filter));
    }

    public Optional<Customer> findById(VisibleScope scope, long id) {
        return db.select(CUSTOMER.fields()).select(APP_USER.FULL_NAME)
                .from(CUSTOMER)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .where(CUSTOMER.ID.eq(id).and(scope.owns(CUSTOMER.OWNER_ID)))
                .fetchOptional(CustomerRepository::toCustomer);
    }

    public boolean creditCodeTaken(String creditCode, Long exceptId) {
        Condition sameCode = CUSTOMER.CREDIT_CODE.eq(creditCode);
        return db.fetchExists(CUSTOMER, exceptId == null ? sameCode : sameCode.and(CUSTOMER.ID.ne(exceptId)));
    }

    public long insert(CustomerDraft draft, long ownerId, long actorId) {
        CustomerRecord row = db.newRecord(CUSTOMER);
        copy(draft, row);
        row.setOwnerId(ownerId).setCreatedBy(actorId).setUpdatedBy(actorId);
        row.store();
        return row.getId();
    }

    /** Writes only when the row still has the version the caller read; answers whether it did. */
    public boolean update(long id, int expectedVersion, CustomerDraft draft, Long ownerId, long actorId) {
        CustomerRecord row = db.newRecord(CUSTOMER);
        copy(draft, row);
        row.setOwnerId(ownerId)
                .setVersion(expectedVersion + 1)
                .setUpdatedBy(actorId)
                .setUpdatedAt(OffsetDateTime.now());
        row.changed(CUSTOMER.ID, false);
        row.changed(CUSTOMER.CREATED_AT, false);
        row.changed(CUSTOMER.CREATED_BY, false);
        return db.update(CUSTOMER).set(row)
                .where(CUSTOMER.ID.eq(id).and(CUSTOMER.VERSION.eq(expectedVersion)))
                .execute() == 1;
    }

    public List<Contact> contactsOf(long customerId) {
        return db.selectFrom(CONTACT).where(CONTACT.CUSTOMER_ID.eq(customerId)).orderBy(CONTACT.NAME)
                .fetch(r -> new Contact(r.getId(), r.getCustomerId(), r.getName(), r.getTitle(), r.getPhone(),
                        r.getEmail(), r.getVersion()));
    }

    public long insertContact(long customerId, ContactDraft draft, long actorId) {
        return db.insertInto(CONTACT)
                .set(CONTACT.CUSTOMER_ID, customerId)
                .set(CONTACT.NAME, draft.name())
                .set(CONTACT.TITLE, draft.title())
                .set(CONTACT.PHONE, draft.phone())
                .set(CONTACT.EMAIL, draft.email())
                .set(CONTACT.CREATED_BY, actorId)
                .set(CONTACT.UPDATED_BY, actorId)
                .returning(CONTACT.ID).fetchOne(CONTACT.ID);
    }

    private static Condition matching(VisibleScope scope, CustomerFilter filter) {
        Condition condition = scope.owns(CUSTOMER.OWNER_ID);
        if (filter.text() != null && !filter.text().isBlank()) {
            String text = filter.text().trim();
            condition = condition.and(CUSTOMER.NAME.containsIgnoreCase(text)
                    .or(CUSTOMER.CREDIT_CODE.startsWith(text.toUpperCase(java.util.Locale.ROOT))));
        }
        if (filter.ownerId() != null) {
            condition = condition.and(CUSTOMER.OWNER_ID.eq(filter.ownerId()));
        }
        return condition;
    }

    private static void copy(CustomerDraft draft, CustomerRecord row) {
        row.setName(draft.name().trim())
                .setCreditCode(blankToNull(draft.creditCode()))
                .setIndustry(blankToNull(draft.industry()))
                .setCity(blankToNull(draft.city()))
                .setAddress(blankToNull(draft.address()))
                .setWebsite(blankToNull(draft.website()))
                .setPhone(blankToNull(draft.phone()))
                .setNotes(blankToNull(draft.notes()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Customer toCustomer(Record r) {
        return new Customer(r.get(CUSTOMER.ID), r.get(CUSTOMER.NAME), r.get(CUSTOMER.CREDIT_CODE),
                r.get(CUSTOMER.INDUSTRY), r.get(CUSTOMER.CITY), r.get(CUSTOMER.ADDRESS), r.get(CUSTOMER.WEBSITE),
                r.get(CUSTOMER.PHONE), r.get(CUSTOMER.OWNER_ID), r.get(APP_USER.FULL_NAME), r.get(CUSTOMER.NOTES),
                r.get(CUSTOMER.VERSION), r.get(CUSTOMER.CREATED_AT), r.get(CUSTOMER.UPDATED_AT));
    }

}
