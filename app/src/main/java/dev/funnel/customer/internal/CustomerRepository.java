package dev.funnel.customer.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CONTACT;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.CUSTOMER_TAG;
import static org.jooq.impl.DSL.select;

import dev.funnel.identity.Unscoped;
import dev.funnel.customer.BuyingRole;
import dev.funnel.customer.CompanyNames;
import dev.funnel.customer.Contact;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerStatus;
import dev.funnel.identity.VisibleScope;
import dev.funnel.jooq.tables.records.CustomerRecord;
import dev.funnel.platform.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Customers, their tags and contacts. Every read of customers takes the caller's {@link VisibleScope}. */
@Repository
public class CustomerRepository {

    private static final dev.funnel.jooq.tables.Customer PARENT = CUSTOMER.as("parent");
    private static final Field<String[]> TAGS = DSL.field(
            select(DSL.arrayAgg(CUSTOMER_TAG.TAG).orderBy(CUSTOMER_TAG.TAG)).from(CUSTOMER_TAG)
                    .where(CUSTOMER_TAG.CUSTOMER_ID.eq(CUSTOMER.ID))).as("tags");

    private final DSLContext db;
    /** Audit times follow the application's clock, like every other time it writes. */
    private final Clock clock;

    CustomerRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<Customer> find(VisibleScope scope, CustomerFilter filter, PageRequest page) {
        return selectCustomers()
                .where(matching(scope, filter))
                .orderBy(filter.sync().narrowed() ? List.of(CUSTOMER.ID.asc()) : List.of(CUSTOMER.NAME.asc(),
                        CUSTOMER.ID.asc()))
                .limit(page.size()).offset(page.offset())
                .fetch(CustomerRepository::toCustomer);
    }

    /** Customers in the pool: no owner, so no visibility narrows them. */
    @Unscoped("the pool is everyone's: its customers have no owner")
    public List<Customer> findPool(CustomerFilter filter, PageRequest page) {
        return selectCustomers()
                .where(CUSTOMER.OWNER_ID.isNull().and(matching(VisibleScope.everything(0), filter)))
                .orderBy(CUSTOMER.OWNED_SINCE.desc(), CUSTOMER.ID.desc())
                .limit(page.size()).offset(page.offset())
                .fetch(CustomerRepository::toCustomer);
    }

    @Unscoped("the pool is everyone's: its customers have no owner")
    public long countPool(CustomerFilter filter) {
        return db.fetchCount(CUSTOMER, CUSTOMER.OWNER_ID.isNull().and(matching(VisibleScope.everything(0), filter)));
    }

    public void ownedSince(long id, OffsetDateTime at) {
        db.update(CUSTOMER).set(CUSTOMER.OWNED_SINCE, at).where(CUSTOMER.ID.eq(id)).execute();
    }

    public long count(VisibleScope scope, CustomerFilter filter) {
        return db.fetchCount(CUSTOMER, matching(scope, filter));
    }

    public Optional<Customer> findById(VisibleScope scope, long id) {
        return selectCustomers()
                .where(CUSTOMER.ID.eq(id).and(scope.owns(CUSTOMER.OWNER_ID)))
                .fetchOptional(CustomerRepository::toCustomer);
    }

    @Unscoped("a credit code names one company across the whole company; only whether it is taken is answered")
    public boolean creditCodeTaken(String creditCode, Long exceptId) {
        Condition sameCode = CUSTOMER.CREDIT_CODE.eq(creditCode);
        return db.fetchExists(CUSTOMER, exceptId == null ? sameCode : sameCode.and(CUSTOMER.ID.ne(exceptId)));
    }

    public long insert(CustomerDraft draft, long ownerId, long actorId, OffsetDateTime now) {
        CustomerRecord row = db.newRecord(CUSTOMER);
        copy(draft, row);
        row.setOwnerId(ownerId).setOwnedSince(now).setCreatedBy(actorId).setUpdatedBy(actorId);
        row.store();
        replaceTags(row.getId(), draft.tags());
        return row.getId();
    }

    /** Writes only when the row still has the version the caller read; answers whether it did. */
    public boolean update(long id, int expectedVersion, CustomerDraft draft, Long ownerId, long actorId) {
        CustomerRecord row = db.newRecord(CUSTOMER);
        copy(draft, row);
        row.setOwnerId(ownerId)
                .setVersion(expectedVersion + 1)
                .setUpdatedBy(actorId)
                .setUpdatedAt(OffsetDateTime.now(clock));
        row.changed(CUSTOMER.ID, false);
        row.changed(CUSTOMER.CREATED_AT, false);
        row.changed(CUSTOMER.CREATED_BY, false);
        boolean written = db.update(CUSTOMER).set(row)
                .where(CUSTOMER.ID.eq(id).and(CUSTOMER.VERSION.eq(expectedVersion)))
                .execute() == 1;
        if (written) {
            replaceTags(id, draft.tags());
        }
        return written;
    }

    /** Whether the parent chain of {@code parentId} reaches {@code id}: making it the parent would close a loop. */
    @Unscoped("the parent chain may pass other owners' customers; only whether it loops is answered")
    public boolean isAncestorOrSelf(long id, long parentId) {
        var tree = DSL.name("tree");
        var treeId = DSL.field(DSL.name("tree", "id"), Long.class);
        return db.fetchExists(db.withRecursive(tree.fields("id").as(
                        select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.eq(parentId))
                                .unionAll(select(CUSTOMER.PARENT_ID).from(CUSTOMER)
                                        .join(DSL.table(tree)).on(CUSTOMER.ID.eq(treeId))
                                        .where(CUSTOMER.PARENT_ID.isNotNull()))))
                .selectOne().from(DSL.table(tree)).where(treeId.eq(id)));
    }

    /**
     * A customer to import: its owner (null: into the pool), and when it was entered and since when its owner has
     * had it (null: now).
     */
    public record Imported(CustomerDraft draft, Long ownerId, OffsetDateTime createdAt, OffsetDateTime ownedSince) {
    }

    /** Writes many customers in one batch (an import); parents are set afterwards, as they may be rows too. */
    @Unscoped("writes an import's checked rows; its only read draws their ids")
    public List<Long> insertAll(List<Imported> customers, long actorId) {
        List<Long> ids = nextIds("customer", customers.size());
        List<CustomerRecord> rows = new java.util.ArrayList<>(customers.size());
        var tags = db.insertInto(CUSTOMER_TAG, CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG);
        boolean anyTags = false;
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < customers.size(); i++) {
            Imported customer = customers.get(i);
            CustomerRecord row = db.newRecord(CUSTOMER);
            copy(customer.draft(), row);
            row.setId(ids.get(i)).setOwnerId(customer.ownerId())
                    .setOwnedSince(customer.ownedSince() == null ? now : customer.ownedSince())
                    .setCreatedBy(actorId).setUpdatedBy(actorId);
            // every row sets the same columns, so that the batch is one statement
            OffsetDateTime created = customer.createdAt() == null ? now : customer.createdAt();
            row.setCreatedAt(created).setUpdatedAt(created);
            rows.add(row);
            for (String tag : customer.draft().tags()) {
                tags = tags.values(ids.get(i), tag);
                anyTags = true;
            }
        }
        db.batchInsert(rows).execute();
        if (anyTags) {
            tags.onConflictDoNothing().execute();
        }
        return ids;
    }

    public void setParent(long id, long parentId) {
        db.update(CUSTOMER).set(CUSTOMER.PARENT_ID, parentId).where(CUSTOMER.ID.eq(id)).execute();
    }

    /** Visible customers by normalised name, for resolving the names an import gives. */
    public java.util.Map<String, List<Long>> idsByNormalizedName(VisibleScope scope, java.util.Collection<String> names) {
        // a join with the unnested array: '= any(?)' would compare every customer with every name
        var wanted = DSL.unnest(names.toArray(String[]::new)).as("wanted", "name");
        return db.select(CUSTOMER.NORMALIZED_NAME, CUSTOMER.ID).from(CUSTOMER)
                .join(wanted).on(CUSTOMER.NORMALIZED_NAME.eq(wanted.field("name", String.class)))
                .where(scope.owns(CUSTOMER.OWNER_ID))
                .orderBy(CUSTOMER.ID)
                .fetchGroups(CUSTOMER.NORMALIZED_NAME, CUSTOMER.ID);
    }

    public void insertContacts(List<dev.funnel.customer.ContactImport> contacts, long actorId) {
        var insert = db.insertInto(CONTACT, CONTACT.CUSTOMER_ID, CONTACT.NAME, CONTACT.TITLE, CONTACT.PHONE,
                CONTACT.MOBILE, CONTACT.EMAIL, CONTACT.BUYING_ROLE, CONTACT.CREATED_BY, CONTACT.UPDATED_BY);
        for (var contact : contacts) {
            ContactDraft d = contact.draft();
            insert = insert.values(contact.customerId(), d.name().trim(), blankToNull(d.title()),
                    blankToNull(d.phone()), blankToNull(d.mobile()), blankToNull(d.email()),
                    d.buyingRole() == null ? null : d.buyingRole().name(), actorId, actorId);
        }
        if (!contacts.isEmpty()) {
            insert.execute();
        }
    }

    private List<Long> nextIds(String table, int count) {
        return db.select(DSL.field("nextval(pg_get_serial_sequence({0}, 'id'))", Long.class, DSL.inline('"' + table + '"')))
                .from(DSL.generateSeries(1, count))
                .fetch(0, Long.class);
    }

    public List<Contact> contactsOf(VisibleScope scope, long customerId) {
        return db.select(CONTACT.fields()).from(CONTACT).join(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT.CUSTOMER_ID))
                .where(CONTACT.CUSTOMER_ID.eq(customerId)).and(scope.owns(CUSTOMER.OWNER_ID))
                .orderBy(CONTACT.NAME)
                .fetch(CustomerRepository::toContact);
    }

    /** The contacts of the customers the caller sees, in id order, narrowed for a sync. */
    public List<Contact> contacts(VisibleScope scope, dev.funnel.platform.SyncWindow window, long offset, int limit) {
        return db.select(CONTACT.fields()).from(CONTACT).join(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT.CUSTOMER_ID))
                .where(contactsIn(scope, window)).orderBy(CONTACT.ID).offset(offset).limit(limit)
                .fetch(CustomerRepository::toContact);
    }

    public long countContacts(VisibleScope scope, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(db.select(CONTACT.ID).from(CONTACT).join(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT.CUSTOMER_ID))
                .where(contactsIn(scope, window)));
    }

    public java.util.Optional<Contact> contact(VisibleScope scope, long id) {
        return db.select(CONTACT.fields()).from(CONTACT).join(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT.CUSTOMER_ID))
                .where(CONTACT.ID.eq(id)).and(scope.owns(CUSTOMER.OWNER_ID))
                .fetchOptional(CustomerRepository::toContact);
    }

    private static Condition contactsIn(VisibleScope scope, dev.funnel.platform.SyncWindow window) {
        Condition condition = scope.owns(CUSTOMER.OWNER_ID);
        return condition.and(window.holds(CONTACT.UPDATED_AT, CONTACT.ID));
    }

    /** False when the version is stale. */
    public boolean updateContact(long id, int version, ContactDraft draft, long actorId) {
        return db.update(CONTACT)
                .set(contactFields(draft))
                .set(CONTACT.VERSION, CONTACT.VERSION.plus(1))
                .set(CONTACT.UPDATED_BY, actorId)
                .where(CONTACT.ID.eq(id)).and(CONTACT.VERSION.eq(version))
                .execute() == 1;
    }

    /** What a contact's draft sets, as an insert and an update both write it. */
    private static java.util.Map<org.jooq.Field<?>, Object> contactFields(ContactDraft draft) {
        java.util.Map<org.jooq.Field<?>, Object> fields = new java.util.LinkedHashMap<>();
        fields.put(CONTACT.NAME, draft.name().trim());
        fields.put(CONTACT.TITLE, blankToNull(draft.title()));
        fields.put(CONTACT.PHONE, blankToNull(draft.phone()));
        fields.put(CONTACT.MOBILE, blankToNull(draft.mobile()));
        fields.put(CONTACT.EMAIL, blankToNull(draft.email()));
        fields.put(CONTACT.BUYING_ROLE, draft.buyingRole() == null ? null : draft.buyingRole().name());
        return fields;
    }

    private static Contact toContact(Record record) {
        var r = record.into(CONTACT);
        return new Contact(r.getId(), r.getCustomerId(), r.getName(), r.getTitle(), r.getPhone(), r.getEmail(),
                r.getVersion(), r.getBuyingRole() == null ? null : BuyingRole.valueOf(r.getBuyingRole()),
                r.getMobile());
    }

    @Unscoped("answers only yes or no to a caller who already holds both ids")
    public boolean contactBelongs(long customerId, long contactId) {
        return db.fetchExists(CONTACT, CONTACT.ID.eq(contactId).and(CONTACT.CUSTOMER_ID.eq(customerId)));
    }

    public long insertContact(long customerId, ContactDraft draft, long actorId) {
        return db.insertInto(CONTACT)
                .set(CONTACT.CUSTOMER_ID, customerId)
                .set(contactFields(draft))
                .set(CONTACT.CREATED_BY, actorId)
                .set(CONTACT.UPDATED_BY, actorId)
                .returning(CONTACT.ID).fetchOne(CONTACT.ID);
    }

    private org.jooq.SelectOnConditionStep<Record> selectCustomers() {
        return db.select(CUSTOMER.fields()).select(APP_USER.FULL_NAME, PARENT.NAME, TAGS)
                .from(CUSTOMER)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .leftJoin(PARENT).on(PARENT.ID.eq(CUSTOMER.PARENT_ID));
    }

    private void replaceTags(long customerId, List<String> tags) {
        db.deleteFrom(CUSTOMER_TAG).where(CUSTOMER_TAG.CUSTOMER_ID.eq(customerId)).execute();
        if (!tags.isEmpty()) {
            var insert = db.insertInto(CUSTOMER_TAG, CUSTOMER_TAG.CUSTOMER_ID, CUSTOMER_TAG.TAG);
            for (String tag : tags) {
                insert = insert.values(customerId, tag);
            }
            insert.onConflictDoNothing().execute();
        }
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
        return condition.and(filter.sync().holds(CUSTOMER.UPDATED_AT, CUSTOMER.ID));
    }

    static void copy(CustomerDraft draft, CustomerRecord row) {
        row.setName(draft.name().trim())
                .setNormalizedName(CompanyNames.normalize(draft.name()))
                .setCreditCode(blankToNull(draft.creditCode()))
                .setLegalRepresentative(blankToNull(draft.legalRepresentative()))
                .setRegisteredCapital(draft.registeredCapital())
                .setCapitalCurrency(draft.capitalCurrency() == null ? "CNY" : draft.capitalCurrency())
                .setEstablishedOn(draft.establishedOn())
                .setIndustry(blankToNull(draft.industry()))
                .setEmployeeCount(draft.employeeCount())
                .setCountry(blankToNull(draft.country()))
                .setCity(blankToNull(draft.city()))
                .setAddress(blankToNull(draft.address()))
                .setWebsite(blankToNull(draft.website()))
                .setPhone(blankToNull(draft.phone()))
                .setEmail(blankToNull(draft.email()))
                .setStatus((draft.status() == null ? CustomerStatus.PROSPECT : draft.status()).name())
                .setSource(blankToNull(draft.source()))
                .setParentId(draft.parentId())
                .setNotes(blankToNull(draft.notes()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Customer toCustomer(Record r) {
        String[] tags = r.get(TAGS);
        return new Customer(r.get(CUSTOMER.ID), r.get(CUSTOMER.NAME), r.get(CUSTOMER.CREDIT_CODE),
                r.get(CUSTOMER.INDUSTRY), r.get(CUSTOMER.CITY), r.get(CUSTOMER.ADDRESS), r.get(CUSTOMER.WEBSITE),
                r.get(CUSTOMER.PHONE), r.get(CUSTOMER.OWNER_ID), r.get(APP_USER.FULL_NAME), r.get(CUSTOMER.NOTES),
                r.get(CUSTOMER.VERSION), r.get(CUSTOMER.CREATED_AT), r.get(CUSTOMER.UPDATED_AT),
                r.get(CUSTOMER.LEGAL_REPRESENTATIVE), r.get(CUSTOMER.REGISTERED_CAPITAL),
                r.get(CUSTOMER.CAPITAL_CURRENCY), r.get(CUSTOMER.ESTABLISHED_ON), r.get(CUSTOMER.EMPLOYEE_COUNT),
                r.get(CUSTOMER.COUNTRY), CustomerStatus.valueOf(r.get(CUSTOMER.STATUS)), r.get(CUSTOMER.SOURCE),
                r.get(CUSTOMER.EMAIL), r.get(CUSTOMER.PARENT_ID), r.get(PARENT.NAME),
                tags == null ? List.of() : List.of(tags));
    }
}
