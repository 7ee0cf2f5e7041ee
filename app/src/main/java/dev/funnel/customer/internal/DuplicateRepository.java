package dev.funnel.customer.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CONTACT;
import static dev.funnel.jooq.Tables.CUSTOMER;

import dev.funnel.identity.Unscoped;
import dev.funnel.customer.DuplicateCandidate;
import dev.funnel.customer.DuplicateReason;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import dev.funnel.identity.VisibleScope;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Finds customers that look like the one being entered, across everyone's customers: the point of the check is
 * to find the company another rep already works. Phones compare by their digits, e-mails without case.
 */
@Repository
public class DuplicateRepository {

    private static final int MOST = 20;

    private final DSLContext db;

    DuplicateRepository(DSLContext db) {
        this.db = db;
    }

    @Unscoped("the duplicate check looks across every owner: finding another rep's company is its point; it answers "
            + "names and owners, nothing else")
    public List<DuplicateCandidate> find(String creditCode, String normalizedName, Set<String> phoneDigits,
                                         Set<String> emails, Long exceptId) {
        Condition byCode = creditCode == null ? DSL.falseCondition() : CUSTOMER.CREDIT_CODE.eq(creditCode);
        Condition byName = normalizedName == null ? DSL.falseCondition()
                : CUSTOMER.NORMALIZED_NAME.eq(normalizedName);
        Condition byPhone = phoneDigits.isEmpty() ? DSL.falseCondition()
                : digits(CUSTOMER.PHONE).in(phoneDigits).or(DSL.exists(DSL.selectOne().from(CONTACT)
                        .where(CONTACT.CUSTOMER_ID.eq(CUSTOMER.ID))
                        .and(digits(CONTACT.PHONE).in(phoneDigits).or(digits(CONTACT.MOBILE).in(phoneDigits)))));
        Condition byEmail = emails.isEmpty() ? DSL.falseCondition()
                : DSL.lower(CUSTOMER.EMAIL).in(emails).or(DSL.exists(DSL.selectOne().from(CONTACT)
                        .where(CONTACT.CUSTOMER_ID.eq(CUSTOMER.ID)).and(DSL.lower(CONTACT.EMAIL).in(emails))));
        Field<Boolean> codeMatch = DSL.field(byCode);
        Field<Boolean> nameMatch = DSL.field(byName);
        Field<Boolean> phoneMatch = DSL.field(byPhone);
        Field<Boolean> emailMatch = DSL.field(byEmail);
        Condition others = exceptId == null ? DSL.trueCondition() : CUSTOMER.ID.ne(exceptId);
        return db.select(CUSTOMER.ID, CUSTOMER.NAME, APP_USER.FULL_NAME, codeMatch, nameMatch, phoneMatch, emailMatch)
                .from(CUSTOMER)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .where(byCode.or(byName).or(byPhone).or(byEmail)).and(others)
                // CASE, not the bare conditions: an unused check renders as the constant false, which ORDER BY refuses
                .orderBy(DSL.when(byCode, 1).else_(0).desc(), DSL.when(byName, 1).else_(0).desc(), CUSTOMER.NAME)
                .limit(MOST)
                .fetch(r -> {
                    Set<DuplicateReason> reasons = EnumSet.noneOf(DuplicateReason.class);
                    if (Boolean.TRUE.equals(r.get(codeMatch))) {
                        reasons.add(DuplicateReason.CREDIT_CODE);
                    }
                    if (Boolean.TRUE.equals(r.get(nameMatch))) {
                        reasons.add(DuplicateReason.NAME);
                    }
                    if (Boolean.TRUE.equals(r.get(phoneMatch))) {
                        reasons.add(DuplicateReason.PHONE);
                    }
                    if (Boolean.TRUE.equals(r.get(emailMatch))) {
                        reasons.add(DuplicateReason.EMAIL);
                    }
                    return new DuplicateCandidate(r.get(CUSTOMER.ID), r.get(CUSTOMER.NAME),
                            r.get(APP_USER.FULL_NAME), reasons);
                });
    }

    /** The existing customers among many credit codes and normalised names, for checking a whole import at once. */
    @Unscoped("the duplicate check looks across every owner: finding another rep's company is its point; it answers "
            + "names and owners, nothing else")
    public List<ExistingCustomer> findAny(Collection<String> creditCodes, Collection<String> normalizedNames) {
        return db.select(CUSTOMER.ID, CUSTOMER.NAME, APP_USER.FULL_NAME, CUSTOMER.CREDIT_CODE,
                        CUSTOMER.NORMALIZED_NAME)
                .from(CUSTOMER)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                // joins with the unnested arrays, not '= any(?)', which compares every customer with every value
                .where(CUSTOMER.CREDIT_CODE.in(DSL.select(DSL.field(DSL.name("code"), String.class))
                                .from(DSL.unnest(creditCodes.toArray(String[]::new)).as("codes", "code")))
                        .or(CUSTOMER.NORMALIZED_NAME.in(DSL.select(DSL.field(DSL.name("name"), String.class))
                                .from(DSL.unnest(normalizedNames.toArray(String[]::new)).as("names", "name")))))
                .fetch(r -> new ExistingCustomer(r.get(CUSTOMER.ID), r.get(CUSTOMER.NAME), r.get(APP_USER.FULL_NAME),
                        r.get(CUSTOMER.CREDIT_CODE), r.get(CUSTOMER.NORMALIZED_NAME)));
    }

    /** Existing customers (through themselves or a contact) with one of these phones (digits) or e-mails (lower case). */
    @Unscoped("the duplicate check looks across every owner: finding another rep's company is its point; it answers "
            + "names and owners, nothing else")
    public List<ContactPoint> findContactPoints(Collection<String> phoneDigits, Collection<String> emails) {
        var digits = DSL.unnest(phoneDigits.toArray(String[]::new)).as("digits", "value");
        var mails = DSL.unnest(emails.toArray(String[]::new)).as("mails", "value");
        Field<String> digitValue = digits.field("value", String.class);
        Field<String> mailValue = mails.field("value", String.class);
        var byCustomerPhone = db.select(CUSTOMER.NAME, APP_USER.FULL_NAME, digitValue, DSL.inline((String) null))
                .from(CUSTOMER).leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .join(digits).on(digits(CUSTOMER.PHONE).eq(digitValue));
        var byContactPhone = db.select(CUSTOMER.NAME, APP_USER.FULL_NAME, digitValue, DSL.inline((String) null))
                .from(CONTACT).join(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT.CUSTOMER_ID))
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .join(digits).on(digits(CONTACT.PHONE).eq(digitValue).or(digits(CONTACT.MOBILE).eq(digitValue)));
        var byCustomerMail = db.select(CUSTOMER.NAME, APP_USER.FULL_NAME, DSL.inline((String) null), mailValue)
                .from(CUSTOMER).leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .join(mails).on(DSL.lower(CUSTOMER.EMAIL).eq(mailValue));
        var byContactMail = db.select(CUSTOMER.NAME, APP_USER.FULL_NAME, DSL.inline((String) null), mailValue)
                .from(CONTACT).join(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT.CUSTOMER_ID))
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .join(mails).on(DSL.lower(CONTACT.EMAIL).eq(mailValue));
        return byCustomerPhone.unionAll(byContactPhone).unionAll(byCustomerMail).unionAll(byContactMail)
                .fetch(r -> new ContactPoint(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** A phone (digits) or e-mail (lower case) an existing customer is reached at, with the customer and owner. */
    public record ContactPoint(String customerName, String ownerName, String phoneDigits, String email) {
    }

    /**
     * The registration search: customers the caller may see (and the pool) whose name contains the text, and any
     * other customer only when the text is its name or credit code, as the duplicate check compares them. A rep
     * learns who owns a company they can name, never a list of other reps' customers.
     */
    public List<dev.funnel.customer.CustomerSummary> lookup(VisibleScope scope, String text,
                                                            String normalizedName, String creditCode) {
        Condition named = normalizedName == null ? DSL.falseCondition()
                : CUSTOMER.NORMALIZED_NAME.eq(normalizedName);
        if (creditCode != null) {
            named = named.or(CUSTOMER.CREDIT_CODE.eq(creditCode));
        }
        return db.select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.OWNER_ID, APP_USER.FULL_NAME).from(CUSTOMER)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .where(CUSTOMER.NAME.containsIgnoreCase(text)
                        .and(scope.owns(CUSTOMER.OWNER_ID).or(CUSTOMER.OWNER_ID.isNull()))
                        .or(named))
                .orderBy(CUSTOMER.NAME).limit(20)
                .fetch(r -> new dev.funnel.customer.CustomerSummary(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    @Unscoped("a customer's name and owner for the pool and registration flows, whose services decide what the "
            + "caller may do with it")
    public java.util.Optional<dev.funnel.customer.CustomerSummary> summary(long customerId) {
        return db.select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.OWNER_ID, APP_USER.FULL_NAME).from(CUSTOMER)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(CUSTOMER.OWNER_ID))
                .where(CUSTOMER.ID.eq(customerId))
                .fetchOptional(r -> new dev.funnel.customer.CustomerSummary(r.value1(), r.value2(), r.value3(),
                        r.value4()));
    }

    private static Field<String> digits(Field<String> phone) {
        return DSL.regexpReplaceAll(phone, "[^0-9]", "");
    }
}
