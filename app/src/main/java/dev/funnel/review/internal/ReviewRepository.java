package dev.funnel.review.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.PIPELINE_REVIEW;
import static dev.funnel.jooq.Tables.REVIEW_DECISION;
import static dev.funnel.jooq.Tables.REVIEW_NOTE;
import static dev.funnel.jooq.Tables.TEAM;

import dev.funnel.identity.Unscoped;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewNote;
import dev.funnel.review.ReviewPeriod;
import dev.funnel.review.ReviewSummary;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Reviews, their notes and decisions. Who may see a review is decided by its team, which the service checks; the
 * reads here take the teams the caller may see.
 */
@Repository
public class ReviewRepository {

    private final DSLContext db;

    ReviewRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * A review's own row: what the service needs to compute or read its agenda. {@code agenda}: the frozen snapshot
     * of a closed review, the prepared agenda of an open one (null when none was prepared), as JSON.
     */
    public record ReviewRow(long id, long teamId, String teamName, long pipelineId, ReviewPeriod period,
                            LocalDate periodStart, LocalDate periodEnd, Review.Status status, String agenda,
                            String createdByName, OffsetDateTime createdAt, String closedByName,
                            OffsetDateTime closedAt, int version) {
    }

    /** A decision's row, before its task's state is looked up. */
    public record DecisionRow(long id, Long opportunityId, String opportunityName, String text, long ownerId,
                              String ownerName, LocalDate dueDate, long taskId, OffsetDateTime createdAt) {
    }

    public long insert(long teamId, long pipelineId, ReviewPeriod period, LocalDate start, LocalDate end,
                       long actorId) {
        return db.insertInto(PIPELINE_REVIEW)
                .set(PIPELINE_REVIEW.TEAM_ID, teamId)
                .set(PIPELINE_REVIEW.PIPELINE_ID, pipelineId)
                .set(PIPELINE_REVIEW.PERIOD_KIND, period.name())
                .set(PIPELINE_REVIEW.PERIOD_START, start)
                .set(PIPELINE_REVIEW.PERIOD_END, end)
                .set(PIPELINE_REVIEW.CREATED_BY, actorId)
                .set(PIPELINE_REVIEW.UPDATED_BY, actorId)
                .returning(PIPELINE_REVIEW.ID).fetchOne(PIPELINE_REVIEW.ID);
    }

    public boolean exists(long teamId, long pipelineId, ReviewPeriod period, LocalDate start) {
        return db.fetchExists(PIPELINE_REVIEW, PIPELINE_REVIEW.TEAM_ID.eq(teamId)
                .and(PIPELINE_REVIEW.PIPELINE_ID.eq(pipelineId))
                .and(PIPELINE_REVIEW.PERIOD_KIND.eq(period.name()))
                .and(PIPELINE_REVIEW.PERIOD_START.eq(start)));
    }

    public Optional<ReviewRow> find(long id) {
        return rows().where(PIPELINE_REVIEW.ID.eq(id)).fetchOptional(ReviewRepository::toRow);
    }

    /** The same team's review of the same pipeline and period length that came last before {@code start}. */
    public Optional<ReviewRow> previous(long teamId, long pipelineId, ReviewPeriod period, LocalDate start) {
        return rows().where(PIPELINE_REVIEW.TEAM_ID.eq(teamId)
                        .and(PIPELINE_REVIEW.PIPELINE_ID.eq(pipelineId))
                        .and(PIPELINE_REVIEW.PERIOD_KIND.eq(period.name()))
                        .and(PIPELINE_REVIEW.PERIOD_START.lt(start)))
                .orderBy(PIPELINE_REVIEW.PERIOD_START.desc()).limit(1).fetchOptional(ReviewRepository::toRow);
    }

    /** How many reviews these teams have ({@code null}: every team). */
    public long count(Collection<Long> teamIds) {
        return db.fetchCount(PIPELINE_REVIEW, ofTeams(teamIds));
    }

    private static Condition ofTeams(Collection<Long> teamIds) {
        return teamIds == null ? DSL.trueCondition() : PIPELINE_REVIEW.TEAM_ID.in(teamIds);
    }

    /** A page of these teams' reviews ({@code null}: every team's), latest period first. */
    public List<ReviewSummary> list(Collection<Long> teamIds, long offset, int limit) {
        var notes = DSL.selectCount().from(REVIEW_NOTE).where(REVIEW_NOTE.REVIEW_ID.eq(PIPELINE_REVIEW.ID))
                .asField("notes");
        var decisions = DSL.selectCount().from(REVIEW_DECISION)
                .where(REVIEW_DECISION.REVIEW_ID.eq(PIPELINE_REVIEW.ID)).asField("decisions");
        // not the agendas: a list of 200 reviews would read megabytes of JSON it never shows
        return db.select(PIPELINE_REVIEW.ID, PIPELINE_REVIEW.TEAM_ID, PIPELINE_REVIEW.PIPELINE_ID,
                        PIPELINE_REVIEW.PERIOD_KIND, PIPELINE_REVIEW.PERIOD_START, PIPELINE_REVIEW.PERIOD_END,
                        PIPELINE_REVIEW.STATUS, PIPELINE_REVIEW.CLOSED_AT)
                .select(TEAM.NAME, APP_USER.FULL_NAME, notes, decisions)
                .from(PIPELINE_REVIEW)
                .join(TEAM).on(TEAM.ID.eq(PIPELINE_REVIEW.TEAM_ID))
                .join(APP_USER).on(APP_USER.ID.eq(PIPELINE_REVIEW.CREATED_BY))
                .where(ofTeams(teamIds))
                .orderBy(PIPELINE_REVIEW.PERIOD_START.desc(), PIPELINE_REVIEW.ID.desc())
                .limit(limit).offset(offset)
                .fetch(r -> new ReviewSummary(r.get(PIPELINE_REVIEW.ID), r.get(PIPELINE_REVIEW.TEAM_ID),
                        r.get(TEAM.NAME), r.get(PIPELINE_REVIEW.PIPELINE_ID),
                        ReviewPeriod.valueOf(r.get(PIPELINE_REVIEW.PERIOD_KIND)), r.get(PIPELINE_REVIEW.PERIOD_START),
                        r.get(PIPELINE_REVIEW.PERIOD_END), Review.Status.valueOf(r.get(PIPELINE_REVIEW.STATUS)),
                        r.get(APP_USER.FULL_NAME), r.get(PIPELINE_REVIEW.CLOSED_AT), r.get("notes", Integer.class),
                        r.get("decisions", Integer.class)));
    }

    /**
     * Takes the review's row lock while it is still open, so that closing it waits for a note or decision being
     * added and the other way round; answers whether it is open.
     */
    public boolean lockOpen(long id) {
        return db.select(PIPELINE_REVIEW.ID).from(PIPELINE_REVIEW)
                .where(PIPELINE_REVIEW.ID.eq(id).and(PIPELINE_REVIEW.STATUS.eq(Review.Status.OPEN.name())))
                .forUpdate().fetchOptional().isPresent();
    }

    /** Freezes the review with its snapshot when it still has the version read and is open. */
    public boolean close(long id, int version, String snapshot, OffsetDateTime now, long actorId) {
        return db.update(PIPELINE_REVIEW)
                .set(PIPELINE_REVIEW.STATUS, Review.Status.CLOSED.name())
                .set(PIPELINE_REVIEW.SNAPSHOT, snapshot)
                .setNull(PIPELINE_REVIEW.PREPARED_AGENDA)
                .set(PIPELINE_REVIEW.CLOSED_AT, now)
                .set(PIPELINE_REVIEW.CLOSED_BY, actorId)
                .set(PIPELINE_REVIEW.VERSION, version + 1)
                .set(PIPELINE_REVIEW.UPDATED_AT, now)
                .set(PIPELINE_REVIEW.UPDATED_BY, actorId)
                .where(PIPELINE_REVIEW.ID.eq(id).and(PIPELINE_REVIEW.VERSION.eq(version))
                        .and(PIPELINE_REVIEW.STATUS.eq(Review.Status.OPEN.name())))
                .execute() == 1;
    }

    /**
     * Stores the agenda prepared for an open review. Not a change anyone made to the review: its version stays, so
     * a manager about to close it is not refused because the figures were refreshed meanwhile (closing computes
     * them once more anyway).
     */
    public void prepare(long id, String agenda) {
        db.update(PIPELINE_REVIEW)
                .set(PIPELINE_REVIEW.PREPARED_AGENDA, agenda)
                .where(PIPELINE_REVIEW.ID.eq(id).and(PIPELINE_REVIEW.STATUS.eq(Review.Status.OPEN.name())))
                .execute();
    }

    /** A change to the review's notes or decisions is a change of the review: its version moves on. */
    public void touch(long id, OffsetDateTime now, long actorId) {
        db.update(PIPELINE_REVIEW)
                .set(PIPELINE_REVIEW.VERSION, PIPELINE_REVIEW.VERSION.plus(1))
                .set(PIPELINE_REVIEW.UPDATED_AT, now)
                .set(PIPELINE_REVIEW.UPDATED_BY, actorId)
                .where(PIPELINE_REVIEW.ID.eq(id)).execute();
    }

    public long insertNote(long reviewId, Long opportunityId, String topic, String body, long actorId) {
        return db.insertInto(REVIEW_NOTE)
                .set(REVIEW_NOTE.REVIEW_ID, reviewId)
                .set(REVIEW_NOTE.OPPORTUNITY_ID, opportunityId)
                .set(REVIEW_NOTE.TOPIC, topic)
                .set(REVIEW_NOTE.BODY, body)
                .set(REVIEW_NOTE.AUTHOR_ID, actorId)
                .returning(REVIEW_NOTE.ID).fetchOne(REVIEW_NOTE.ID);
    }

    public long insertDecision(long reviewId, Long opportunityId, String text, long ownerId, LocalDate dueDate,
                               long taskId, long actorId) {
        return db.insertInto(REVIEW_DECISION)
                .set(REVIEW_DECISION.REVIEW_ID, reviewId)
                .set(REVIEW_DECISION.OPPORTUNITY_ID, opportunityId)
                .set(REVIEW_DECISION.TEXT, text)
                .set(REVIEW_DECISION.OWNER_ID, ownerId)
                .set(REVIEW_DECISION.DUE_DATE, dueDate)
                .set(REVIEW_DECISION.TASK_ID, taskId)
                .set(REVIEW_DECISION.CREATED_BY, actorId)
                .returning(REVIEW_DECISION.ID).fetchOne(REVIEW_DECISION.ID);
    }

    @Unscoped("a review's notes, read once ReviewService found the review's team visible to the caller: they name "
            + "the team's deals the meeting talked about")
    public List<ReviewNote> notes(long reviewId) {
        return db.select(REVIEW_NOTE.fields()).select(OPPORTUNITY.NAME, APP_USER.FULL_NAME)
                .from(REVIEW_NOTE)
                .leftJoin(OPPORTUNITY).on(OPPORTUNITY.ID.eq(REVIEW_NOTE.OPPORTUNITY_ID))
                .join(APP_USER).on(APP_USER.ID.eq(REVIEW_NOTE.AUTHOR_ID))
                .where(REVIEW_NOTE.REVIEW_ID.eq(reviewId))
                .orderBy(REVIEW_NOTE.ID)
                .fetch(r -> new ReviewNote(r.get(REVIEW_NOTE.ID), r.get(REVIEW_NOTE.OPPORTUNITY_ID),
                        r.get(OPPORTUNITY.NAME), r.get(REVIEW_NOTE.TOPIC), r.get(REVIEW_NOTE.BODY),
                        r.get(APP_USER.FULL_NAME), r.get(REVIEW_NOTE.CREATED_AT)));
    }

    @Unscoped("a review's decisions, read once ReviewService found the review's team visible to the caller")
    public List<DecisionRow> decisions(long reviewId) {
        return db.select(REVIEW_DECISION.fields()).select(OPPORTUNITY.NAME, APP_USER.FULL_NAME)
                .from(REVIEW_DECISION)
                .leftJoin(OPPORTUNITY).on(OPPORTUNITY.ID.eq(REVIEW_DECISION.OPPORTUNITY_ID))
                .join(APP_USER).on(APP_USER.ID.eq(REVIEW_DECISION.OWNER_ID))
                .where(REVIEW_DECISION.REVIEW_ID.eq(reviewId))
                .orderBy(REVIEW_DECISION.ID)
                .fetch(r -> new DecisionRow(r.get(REVIEW_DECISION.ID), r.get(REVIEW_DECISION.OPPORTUNITY_ID),
                        r.get(OPPORTUNITY.NAME), r.get(REVIEW_DECISION.TEXT), r.get(REVIEW_DECISION.OWNER_ID),
                        r.get(APP_USER.FULL_NAME), r.get(REVIEW_DECISION.DUE_DATE), r.get(REVIEW_DECISION.TASK_ID),
                        r.get(REVIEW_DECISION.CREATED_AT)));
    }

    private org.jooq.SelectOnConditionStep<Record> rows() {
        var closer = APP_USER.as("closer");
        return db.select(PIPELINE_REVIEW.fields())
                .select(TEAM.NAME, APP_USER.FULL_NAME, closer.FULL_NAME.as("closer_name"))
                .from(PIPELINE_REVIEW)
                .join(TEAM).on(TEAM.ID.eq(PIPELINE_REVIEW.TEAM_ID))
                .join(APP_USER).on(APP_USER.ID.eq(PIPELINE_REVIEW.CREATED_BY))
                .leftJoin(closer).on(closer.ID.eq(PIPELINE_REVIEW.CLOSED_BY));
    }

    private static ReviewRow toRow(Record r) {
        return new ReviewRow(r.get(PIPELINE_REVIEW.ID), r.get(PIPELINE_REVIEW.TEAM_ID), r.get(TEAM.NAME),
                r.get(PIPELINE_REVIEW.PIPELINE_ID), ReviewPeriod.valueOf(r.get(PIPELINE_REVIEW.PERIOD_KIND)),
                r.get(PIPELINE_REVIEW.PERIOD_START), r.get(PIPELINE_REVIEW.PERIOD_END),
                Review.Status.valueOf(r.get(PIPELINE_REVIEW.STATUS)),
                Review.Status.CLOSED.name().equals(r.get(PIPELINE_REVIEW.STATUS)) ? r.get(PIPELINE_REVIEW.SNAPSHOT)
                        : r.get(PIPELINE_REVIEW.PREPARED_AGENDA),
                r.get(APP_USER.FULL_NAME), r.get(PIPELINE_REVIEW.CREATED_AT), r.get("closer_name", String.class),
                r.get(PIPELINE_REVIEW.CLOSED_AT), r.get(PIPELINE_REVIEW.VERSION));
    }
}
