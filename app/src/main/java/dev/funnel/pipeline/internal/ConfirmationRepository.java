package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CRITERION_CONFIRMATION;

import dev.funnel.identity.VisibleScope;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Who confirmed which exit-criterion checklist item of which opportunity, and when. */
@Repository
public class ConfirmationRepository {

    private final DSLContext db;

    ConfirmationRepository(DSLContext db) {
        this.db = db;
    }

    /** One confirmation. */
    public record Confirmation(long criterionId, long confirmedBy, String confirmedByName, OffsetDateTime confirmedAt) {
    }

    public Map<Long, Confirmation> forOpportunity(VisibleScope scope, long opportunityId) {
        return db.select(CRITERION_CONFIRMATION.CRITERION_ID, CRITERION_CONFIRMATION.CONFIRMED_BY, APP_USER.FULL_NAME,
                        CRITERION_CONFIRMATION.CONFIRMED_AT)
                .from(CRITERION_CONFIRMATION)
                .join(APP_USER).on(APP_USER.ID.eq(CRITERION_CONFIRMATION.CONFIRMED_BY))
                .where(CRITERION_CONFIRMATION.OPPORTUNITY_ID.eq(opportunityId))
                .and(DealScope.visibleDeal(scope, CRITERION_CONFIRMATION.OPPORTUNITY_ID))
                .fetch(r -> new Confirmation(r.value1(), r.value2(), r.value3(), r.value4()))
                .stream().collect(Collectors.toMap(Confirmation::criterionId, Function.identity()));
    }

    /** Confirms once: a second confirmation keeps the first one's who and when. */
    public void confirm(long opportunityId, long criterionId, long userId, OffsetDateTime at) {
        db.insertInto(CRITERION_CONFIRMATION)
                .set(CRITERION_CONFIRMATION.OPPORTUNITY_ID, opportunityId)
                .set(CRITERION_CONFIRMATION.CRITERION_ID, criterionId)
                .set(CRITERION_CONFIRMATION.CONFIRMED_BY, userId)
                .set(CRITERION_CONFIRMATION.CONFIRMED_AT, at)
                .onConflictDoNothing()
                .execute();
    }

    public void withdraw(long opportunityId, long criterionId) {
        db.deleteFrom(CRITERION_CONFIRMATION)
                .where(CRITERION_CONFIRMATION.OPPORTUNITY_ID.eq(opportunityId)
                        .and(CRITERION_CONFIRMATION.CRITERION_ID.eq(criterionId)))
                .execute();
    }
}
