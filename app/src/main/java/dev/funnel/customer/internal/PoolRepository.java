package dev.funnel.customer.internal;

import static dev.funnel.jooq.Tables.ACTIVITY;
import static dev.funnel.jooq.Tables.APP_SETTING;
import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.OWNERSHIP_EVENT;

import dev.funnel.identity.VisibleScope;
import dev.funnel.identity.Unscoped;
import dev.funnel.customer.OwnershipEvent;
import dev.funnel.customer.PoolSettings;
import dev.funnel.jooq.tables.AppUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The pool: customers without an owner, the ledger of who released and claimed them, and its settings. */
@Repository
public class PoolRepository {

    private static final String PROTECTION_DAYS = "pool.protection-days";
    private static final String CLAIMS_PER_DAY = "pool.claims-per-day";
    private static final AppUser FROM = APP_USER.as("from_owner");
    private static final AppUser TO = APP_USER.as("to_owner");

    private final DSLContext db;
    /** Audit times follow the application's clock, like every other time it writes. */
    private final Clock clock;

    PoolRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public PoolSettings settings() {
        var values = db.select(APP_SETTING.KEY, APP_SETTING.VALUE).from(APP_SETTING)
                .where(APP_SETTING.KEY.in(PROTECTION_DAYS, CLAIMS_PER_DAY)).fetchMap(APP_SETTING.KEY, APP_SETTING.VALUE);
        return new PoolSettings(intOr(values.get(PROTECTION_DAYS), PoolSettings.DEFAULTS.protectionDays()),
                intOr(values.get(CLAIMS_PER_DAY), PoolSettings.DEFAULTS.claimsPerDay()));
    }

    public void saveSettings(PoolSettings settings) {
        put(PROTECTION_DAYS, settings.protectionDays());
        put(CLAIMS_PER_DAY, settings.claimsPerDay());
    }

    /**
     * Takes the customer for the rep if it is still in the pool; answers whether it was. One statement, so two
     * reps claiming the same customer at once cannot both get it.
     */
    public boolean claim(long customerId, long repId, OffsetDateTime now) {
        boolean claimed = db.update(CUSTOMER).set(CUSTOMER.OWNER_ID, repId).set(CUSTOMER.OWNED_SINCE, now)
                .set(CUSTOMER.VERSION, CUSTOMER.VERSION.plus(1)).set(CUSTOMER.UPDATED_AT, now)
                .set(CUSTOMER.UPDATED_BY, repId)
                .where(CUSTOMER.ID.eq(customerId).and(CUSTOMER.OWNER_ID.isNull())).execute() == 1;
        if (claimed) {
            record(customerId, OwnershipEvent.Kind.CLAIMED, null, repId, repId, now);
        }
        return claimed;
    }

    @Unscoped("counts the caller's own claims, for the daily limit")
    public int claimsSince(long repId, OffsetDateTime since) {
        return db.fetchCount(OWNERSHIP_EVENT, OWNERSHIP_EVENT.TO_OWNER_ID.eq(repId)
                .and(OWNERSHIP_EVENT.EVENT.eq(OwnershipEvent.Kind.CLAIMED.name()))
                .and(OWNERSHIP_EVENT.AT.ge(since)));
    }

    /**
     * Returns to the pool every owned customer whose protection has lapsed: nothing happened since the cutoff,
     * neither a follow-up nor a change of owner. Answers the released customers with their previous owners.
     */
    @Unscoped("the nightly release returns every lapsed customer to the pool, whoever owns it")
    public List<Released> releaseLapsed(OffsetDateTime cutoff, OffsetDateTime now, Long actorId) {
        Field<OffsetDateTime> lastFollowUp = DSL.field(DSL.select(DSL.max(ACTIVITY.OCCURRED_AT)).from(ACTIVITY)
                .where(ACTIVITY.CUSTOMER_ID.eq(CUSTOMER.ID)));
        List<Released> lapsed = db.select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.OWNER_ID).from(CUSTOMER)
                .where(CUSTOMER.OWNER_ID.isNotNull())
                .and(DSL.coalesce(CUSTOMER.OWNED_SINCE, CUSTOMER.CREATED_AT).lt(cutoff))
                .and(lastFollowUp.isNull().or(lastFollowUp.lt(cutoff)))
                .forUpdate().skipLocked()
                .fetch(r -> new Released(r.value1(), r.value2(), r.value3()));
        for (Released customer : lapsed) {
            db.update(CUSTOMER).setNull(CUSTOMER.OWNER_ID).set(CUSTOMER.OWNED_SINCE, now)
                    .set(CUSTOMER.VERSION, CUSTOMER.VERSION.plus(1)).set(CUSTOMER.UPDATED_AT, now)
                    .where(CUSTOMER.ID.eq(customer.id())).execute();
            record(customer.id(), OwnershipEvent.Kind.RELEASED, customer.previousOwnerId(), null, actorId, now);
        }
        return lapsed;
    }

    /** A customer that went back to the pool, and whose it was. */
    public record Released(long id, String name, long previousOwnerId) {
    }

    /** The ownership history of a customer the scope sees, or of one in the pool (everyone's). */
    public List<OwnershipEvent> history(VisibleScope scope, long customerId) {
        return db.select(OWNERSHIP_EVENT.ID, OWNERSHIP_EVENT.CUSTOMER_ID, OWNERSHIP_EVENT.EVENT, FROM.FULL_NAME,
                        TO.FULL_NAME, OWNERSHIP_EVENT.AT)
                .from(OWNERSHIP_EVENT)
                .leftJoin(FROM).on(FROM.ID.eq(OWNERSHIP_EVENT.FROM_OWNER_ID))
                .leftJoin(TO).on(TO.ID.eq(OWNERSHIP_EVENT.TO_OWNER_ID))
                .join(CUSTOMER).on(CUSTOMER.ID.eq(OWNERSHIP_EVENT.CUSTOMER_ID))
                .where(OWNERSHIP_EVENT.CUSTOMER_ID.eq(customerId))
                .and(CUSTOMER.OWNER_ID.isNull().or(scope.owns(CUSTOMER.OWNER_ID)))
                .orderBy(OWNERSHIP_EVENT.AT.desc(), OWNERSHIP_EVENT.ID.desc())
                .fetch(r -> new OwnershipEvent(r.value1(), r.value2(), OwnershipEvent.Kind.valueOf(r.value3()),
                        r.value4(), r.value5(), r.value6()));
    }

    private void record(long customerId, OwnershipEvent.Kind kind, Long from, Long to, Long actor,
                        OffsetDateTime at) {
        db.insertInto(OWNERSHIP_EVENT)
                .set(OWNERSHIP_EVENT.CUSTOMER_ID, customerId)
                .set(OWNERSHIP_EVENT.EVENT, kind.name())
                .set(OWNERSHIP_EVENT.FROM_OWNER_ID, from)
                .set(OWNERSHIP_EVENT.TO_OWNER_ID, to)
                .set(OWNERSHIP_EVENT.ACTOR_ID, actor)
                .set(OWNERSHIP_EVENT.AT, at)
                .execute();
    }

    private void put(String key, int value) {
        db.insertInto(APP_SETTING).set(APP_SETTING.KEY, key).set(APP_SETTING.VALUE, Integer.toString(value))
                .onConflict(APP_SETTING.KEY).doUpdate().set(APP_SETTING.VALUE, Integer.toString(value))
                .set(APP_SETTING.UPDATED_AT, OffsetDateTime.now(clock)).execute();
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
