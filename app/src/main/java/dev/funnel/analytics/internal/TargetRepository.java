package dev.funnel.analytics.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.SALES_TARGET;
import static dev.funnel.jooq.Tables.TEAM;

import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.Target;
import dev.funnel.analytics.TargetDraft;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Targets, with the name of the person or team each is for. */
@Repository
public class TargetRepository {

    private final DSLContext db;

    TargetRepository(DSLContext db) {
        this.db = db;
    }

    public List<Target> find(PeriodKind kind, LocalDate periodStart) {
        return select(SALES_TARGET.PERIOD_KIND.eq(kind.name()).and(SALES_TARGET.PERIOD_START.eq(periodStart)));
    }

    public Optional<Target> findById(long id) {
        return select(SALES_TARGET.ID.eq(id)).stream().findFirst();
    }

    /** The target already set for the same person or team, period and currency. */
    public Optional<Target> findSame(TargetDraft draft) {
        return select(SALES_TARGET.PERIOD_KIND.eq(draft.kind().name())
                .and(SALES_TARGET.PERIOD_START.eq(draft.periodStart()))
                .and(draft.ownerId() == null ? SALES_TARGET.OWNER_ID.isNull() : SALES_TARGET.OWNER_ID.eq(draft.ownerId()))
                .and(draft.teamId() == null ? SALES_TARGET.TEAM_ID.isNull() : SALES_TARGET.TEAM_ID.eq(draft.teamId()))
                .and(SALES_TARGET.CURRENCY.eq(draft.currency()))).stream().findFirst();
    }

    public long insert(TargetDraft draft, long actorId, OffsetDateTime now) {
        return db.insertInto(SALES_TARGET)
                .set(SALES_TARGET.PERIOD_KIND, draft.kind().name())
                .set(SALES_TARGET.PERIOD_START, draft.periodStart())
                .set(SALES_TARGET.OWNER_ID, draft.ownerId())
                .set(SALES_TARGET.TEAM_ID, draft.teamId())
                .set(SALES_TARGET.AMOUNT, draft.amount())
                .set(SALES_TARGET.CURRENCY, draft.currency())
                .set(SALES_TARGET.CREATED_AT, now).set(SALES_TARGET.CREATED_BY, actorId)
                .set(SALES_TARGET.UPDATED_AT, now).set(SALES_TARGET.UPDATED_BY, actorId)
                .returning(SALES_TARGET.ID).fetchSingle(SALES_TARGET.ID);
    }

    /** A new amount, if nobody changed the target since it was read at {@code version}. */
    public boolean updateAmount(long id, int version, BigDecimal amount, long actorId, OffsetDateTime now) {
        return db.update(SALES_TARGET)
                .set(SALES_TARGET.AMOUNT, amount)
                .set(SALES_TARGET.VERSION, version + 1)
                .set(SALES_TARGET.UPDATED_AT, now).set(SALES_TARGET.UPDATED_BY, actorId)
                .where(SALES_TARGET.ID.eq(id)).and(SALES_TARGET.VERSION.eq(version))
                .execute() == 1;
    }

    public boolean delete(long id, int version) {
        return db.deleteFrom(SALES_TARGET).where(SALES_TARGET.ID.eq(id)).and(SALES_TARGET.VERSION.eq(version))
                .execute() == 1;
    }

    private List<Target> select(Condition condition) {
        return db.select(SALES_TARGET.asterisk(), APP_USER.FULL_NAME, TEAM.NAME)
                .from(SALES_TARGET)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(SALES_TARGET.OWNER_ID))
                .leftJoin(TEAM).on(TEAM.ID.eq(SALES_TARGET.TEAM_ID))
                .where(condition)
                .orderBy(SALES_TARGET.TEAM_ID.isNull(), DSL.coalesce(TEAM.NAME, APP_USER.FULL_NAME))
                .fetch(TargetRepository::target);
    }

    private static Target target(Record r) {
        Long ownerId = r.get(SALES_TARGET.OWNER_ID);
        return new Target(r.get(SALES_TARGET.ID), PeriodKind.valueOf(r.get(SALES_TARGET.PERIOD_KIND)),
                r.get(SALES_TARGET.PERIOD_START), ownerId, r.get(SALES_TARGET.TEAM_ID),
                ownerId != null ? r.get(APP_USER.FULL_NAME) : r.get(TEAM.NAME), r.get(SALES_TARGET.AMOUNT),
                r.get(SALES_TARGET.CURRENCY).trim(), r.get(SALES_TARGET.VERSION));
    }
}
