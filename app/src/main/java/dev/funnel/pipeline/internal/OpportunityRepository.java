package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.DEAL_REVISION;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_LINE;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;

import dev.funnel.identity.Unscoped;
import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.platform.TimelineKind;
import dev.funnel.jooq.tables.records.OpportunityRecord;
import dev.funnel.pipeline.CustomerDeals;
import dev.funnel.pipeline.DealChange;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.StageHistoryEntry;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Opportunities and their stage ledger. Every read of opportunities takes the caller's {@link VisibleScope}. */
@Repository
public class OpportunityRepository {

    private final DSLContext db;
    private final WholeOpportunities wholeRows;
    private final TalliedCount tallied;
    private final PlainPageIds plainPages;

    OpportunityRepository(DSLContext db) {
        this.db = db;
        this.wholeRows = new WholeOpportunities(db);
        this.tallied = new TalliedCount(db);
        this.plainPages = new PlainPageIds(db, tallied);
    }

    /** A page of the deals the filter lists, whole, with how many it lists in all. */
    public PageResult<Opportunity> page(VisibleScope scope, OpportunityFilter filter, PageRequest page,
                                        OffsetDateTime now) {
        if (!filter.onlyOwnerPipelineStageOrStatus()) {
            return new PageResult<>(find(scope, filter, page, now), count(scope, filter, now), page.page(),
                    page.size());
        }
        // the page's ids first, from the index alone where one fits (ix_opportunity_updated_owner), with the total
        // in the same round trip; then the full rows with their customer, owner and stage for those ids only, not
        // for every row the offset skips
        PlainPageIds.IdsAndTotal found = plainPages.idsAndTotal(scope, filter, page);
        return new PageResult<>(wholeRows.read(scope, found.ids()), found.total(), page.page(), page.size());
    }

    /** A page of a list that is not plain ({@link OpportunityFilter#onlyOwnerPipelineStageOrStatus()}). */
    private List<Opportunity> find(VisibleScope scope, OpportunityFilter filter, PageRequest page,
                                   OffsetDateTime now) {
        // the page's ids first, then the full rows with their customer, owner and stage for those only. The owners
        // are bound as one array: the same plan as one value each, for a manager of 200 and for a rep, with the
        // values known and not (EXPLAIN, issue 17), without building and binding 200 values per page
        List<Long> ids = db.select(OPPORTUNITY.ID)
                .from(OPPORTUNITY).leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .where(matching(scope.ownsAsArray(OPPORTUNITY.OWNER_ID), filter, now))
                .orderBy(filter.sync().narrowed() ? List.of(OPPORTUNITY.ID.asc())
                        : PlainPageIds.order(filter.mostLikelyFirst()))
                .limit(page.size()).offset(page.offset())
                .fetch(OPPORTUNITY.ID);
        return wholeRows.read(scope, ids);
    }

    /**
     * How many deals the filter lists. Narrowed by owner, pipeline, stage and status only (a page of everything the
     * caller sees, or of a stage), it is the sum of the tally per owner, pipeline, stage and status and of the
     * changes not folded into it yet (db-changelog 1.10/opportunity-list.xml): a few hundred rows, where counting
     * the deals reads every one of them.
     */
    public long count(VisibleScope scope, OpportunityFilter filter, OffsetDateTime now) {
        if (filter.onlyOwnerPipelineStageOrStatus()) {
            return tallied.count(scope, filter);
        }
        return db.fetchCount(db.select(OPPORTUNITY.ID).from(OPPORTUNITY)
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .where(matching(scope, filter, now)));
    }

    /** Folds the changes into the tally (see {@link #count}); answers how many change rows it took. */
    public int foldTally() {
        Integer taken = db.select(DSL.field("funnel_fold_opportunity_tally()", Integer.class)).fetchOne(0,
                Integer.class);
        return taken == null ? 0 : taken;
    }

    /** How many deals the filter lists, their converted amount, and how many have no rate, in one pass. */
    public dev.funnel.pipeline.DealTotals totals(VisibleScope scope, OpportunityFilter filter, OffsetDateTime now,
                                                 String companyCurrency) {
        return db.select(DSL.count(), DSL.count(OPPORTUNITY.COMPANY_AMOUNT),
                        DSL.coalesce(DSL.sum(OPPORTUNITY.COMPANY_AMOUNT), java.math.BigDecimal.ZERO))
                .from(OPPORTUNITY).leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .where(matching(scope, filter, now))
                .fetchSingle(r -> new dev.funnel.pipeline.DealTotals(r.value1(), r.value3(), companyCurrency,
                        r.value1() - r.value2()));
    }

    /** Per owner the caller sees: how many deals the filter lists, most first. */
    public List<dev.funnel.pipeline.OwnerCount> countByOwner(VisibleScope scope, OpportunityFilter filter,
                                                             OffsetDateTime now) {
        return db.select(OPPORTUNITY.OWNER_ID, APP_USER.FULL_NAME, DSL.count()).from(OPPORTUNITY)
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                .where(matching(scope, filter, now))
                .groupBy(OPPORTUNITY.OWNER_ID, APP_USER.FULL_NAME)
                .orderBy(DSL.count().desc(), APP_USER.FULL_NAME)
                .fetch(r -> new dev.funnel.pipeline.OwnerCount(r.value1(), r.value2(), r.value3()));
    }

    public Optional<Opportunity> findById(VisibleScope scope, long id) {
        return joined().where(OPPORTUNITY.ID.eq(id).and(scope.owns(OPPORTUNITY.OWNER_ID)))
                .fetchOptional(OpportunityRepository::toOpportunity);
    }

    /** A new open deal; without a currency of its own it is in {@code companyCurrency}. */
    public long insert(OpportunityDraft draft, long ownerId, long pipelineId, long stageId, OffsetDateTime now,
                       long actorId, String companyCurrency) {
        OpportunityRecord row = db.newRecord(OPPORTUNITY);
        copy(draft, row);
        row.setCurrency(draft.currency() == null ? companyCurrency : draft.currency());
        row.setOwnerId(ownerId).setPipelineId(pipelineId).setStageId(stageId).setStageEnteredAt(now)
                .setStatus(OpportunityStatus.OPEN.name())
                .setCreatedAt(now).setCreatedBy(actorId).setUpdatedAt(now).setUpdatedBy(actorId)
                .setRevisionsSince(now);
        row.store();
        return row.getId();
    }

    /** Writes the editable fields only when the row still has the version the caller read; answers whether it did. */
    public boolean update(long id, int expectedVersion, OpportunityDraft draft, long ownerId, OffsetDateTime now,
                          long actorId) {
        OpportunityRecord row = db.newRecord(OPPORTUNITY);
        copy(draft, row);
        row.setOwnerId(ownerId).setVersion(expectedVersion + 1).setUpdatedAt(now).setUpdatedBy(actorId);
        return writeChanged(id, expectedVersion, row);
    }

    /** Sets the amount (the sum of the product lines); the same version check. */
    public boolean setAmount(long id, int expectedVersion, BigDecimal amount, OffsetDateTime now, long actorId) {
        OpportunityRecord row = db.newRecord(OPPORTUNITY).setAmount(amount)
                .setVersion(expectedVersion + 1).setUpdatedAt(now).setUpdatedBy(actorId);
        return writeChanged(id, expectedVersion, row);
    }

    /** Moves the deal into a stage, stamping when it entered; the same version check. */
    public boolean moveToStage(long id, int expectedVersion, long stageId, OffsetDateTime now, long actorId) {
        OpportunityRecord row = db.newRecord(OPPORTUNITY)
                .setStageId(stageId).setStageEnteredAt(now)
                .setVersion(expectedVersion + 1).setUpdatedAt(now).setUpdatedBy(actorId);
        return writeChanged(id, expectedVersion, row);
    }

    /** Closes as won or lost, or (status OPEN) reopens, clearing the outcome; the same version check. */
    public boolean setOutcome(long id, int expectedVersion, OpportunityStatus status, BigDecimal actualAmount,
                              LocalDate actualCloseDate, String lostReason, String lostComment, OffsetDateTime now,
                              long actorId) {
        OpportunityRecord row = db.newRecord(OPPORTUNITY)
                .setStatus(status.name())
                .setClosedAt(status == OpportunityStatus.OPEN ? null : now)
                .setActualAmount(actualAmount).setActualCloseDate(actualCloseDate)
                .setLostReason(lostReason).setLostComment(lostComment)
                .setVersion(expectedVersion + 1).setUpdatedAt(now).setUpdatedBy(actorId);
        return writeChanged(id, expectedVersion, row);
    }

    /** Who last saved the deal and when, for a 'changed by X at T' message after a refused stale write. */
    public Optional<LastChange> lastChange(VisibleScope scope, long id) {
        return db.select(APP_USER.FULL_NAME, OPPORTUNITY.UPDATED_AT).from(OPPORTUNITY)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.UPDATED_BY))
                .where(OPPORTUNITY.ID.eq(id)).and(scope.owns(OPPORTUNITY.OWNER_ID))
                .fetchOptional(r -> new LastChange(r.value1(), r.value2()));
    }

    /** Who saved last, and when. */
    public record LastChange(String byName, OffsetDateTime at) {
    }

    @Unscoped("an administrator removing a stage counts every open deal in it, whoever owns them")
    public int openCountIn(long stageId) {
        return db.fetchCount(OPPORTUNITY, OPPORTUNITY.STAGE_ID.eq(stageId)
                .and(OPPORTUNITY.STATUS.eq(OpportunityStatus.OPEN.name())));
    }

    /** Moves every open deal of a stage to another, each with its line in the stage history; returns their ids. */
    @Unscoped("an administrator removing a stage moves every open deal in it, whoever owns them")
    public List<Long> moveAllOpen(long fromStageId, long toStageId, String reason, OffsetDateTime now, long actorId) {
        Condition open = OPPORTUNITY.STAGE_ID.eq(fromStageId).and(OPPORTUNITY.STATUS.eq(OpportunityStatus.OPEN.name()));
        List<Long> moved = db.select(OPPORTUNITY.ID).from(OPPORTUNITY).where(open).fetch(OPPORTUNITY.ID);
        db.insertInto(STAGE_HISTORY, STAGE_HISTORY.OPPORTUNITY_ID, STAGE_HISTORY.EVENT, STAGE_HISTORY.FROM_STAGE_ID,
                        STAGE_HISTORY.TO_STAGE_ID, STAGE_HISTORY.CHANGED_BY, STAGE_HISTORY.CHANGED_AT,
                        STAGE_HISTORY.OVERRIDE_REASON)
                .select(DSL.select(OPPORTUNITY.ID, DSL.inline(StageHistoryEntry.Event.MOVED.name()),
                                DSL.inline(fromStageId), DSL.inline(toStageId), DSL.inline(actorId), DSL.val(now),
                                DSL.val(reason))
                        .from(OPPORTUNITY).where(open))
                .execute();
        db.update(OPPORTUNITY)
                .set(OPPORTUNITY.STAGE_ID, toStageId)
                .set(OPPORTUNITY.STAGE_ENTERED_AT, now)
                .set(OPPORTUNITY.VERSION, OPPORTUNITY.VERSION.plus(1))
                .set(OPPORTUNITY.UPDATED_AT, now)
                .set(OPPORTUNITY.UPDATED_BY, actorId)
                .where(OPPORTUNITY.ID.in(moved))
                .execute();
        return moved;
    }

    /** Derived ratings: neither the version nor the time of the last edit moves. */
    public void recordWinProbabilities(java.util.Map<Long, BigDecimal> probabilities) {
        if (probabilities.isEmpty()) {
            return;
        }
        // one statement for the whole batch: the table's statement triggers run once, not once per deal, and a
        // probability that did not change is not written at all
        Long[] ids = probabilities.keySet().toArray(Long[]::new);
        BigDecimal[] values = java.util.Arrays.stream(ids).map(probabilities::get).toArray(BigDecimal[]::new);
        db.execute("UPDATE opportunity o SET win_probability = v.p FROM unnest(?::bigint[], ?::numeric[]) AS v(id, p)"
                + " WHERE o.id = v.id AND o.win_probability IS DISTINCT FROM v.p", ids, values);
    }

    public void clearWinProbabilities() {
        db.update(OPPORTUNITY).setNull(OPPORTUNITY.WIN_PROBABILITY).where(OPPORTUNITY.WIN_PROBABILITY.isNotNull())
                .execute();
    }

    public void recordGrades(java.util.Map<Long, String> grades) {
        if (grades.isEmpty()) {
            return;
        }
        Long[] ids = grades.keySet().toArray(Long[]::new);
        String[] values = java.util.Arrays.stream(ids).map(grades::get).toArray(String[]::new);
        db.execute("UPDATE opportunity o SET grade = v.g FROM unnest(?::bigint[], ?::text[]) AS v(id, g)"
                + " WHERE o.id = v.id AND o.grade IS DISTINCT FROM v.g", ids, values);
    }

    static final String GRADES_FOLLOW_SCORER = "pipeline.grades-follow-scorer";

    /** Whether the deals' grade is a scorer's, not the reps'. */
    public boolean gradesFollowScorer() {
        return db.fetchExists(dev.funnel.jooq.Tables.APP_SETTING, dev.funnel.jooq.Tables.APP_SETTING.KEY
                .eq(GRADES_FOLLOW_SCORER).and(dev.funnel.jooq.Tables.APP_SETTING.VALUE.eq("true")));
    }

    public void setGradesFollowScorer(boolean follow) {
        var setting = dev.funnel.jooq.Tables.APP_SETTING;
        db.insertInto(setting).set(setting.KEY, GRADES_FOLLOW_SCORER).set(setting.VALUE, Boolean.toString(follow))
                .onConflict(setting.KEY).doUpdate().set(setting.VALUE, Boolean.toString(follow)).execute();
    }

    @Unscoped("scoring rates every open deal, whoever owns it")
    public List<Long> openDealIds() {
        return db.select(OPPORTUNITY.ID).from(OPPORTUNITY).where(OPPORTUNITY.STATUS.eq(OpportunityStatus.OPEN.name()))
                .orderBy(OPPORTUNITY.ID).fetch(OPPORTUNITY.ID);
    }

    public int productLineCount(VisibleScope scope, long opportunityId) {
        return db.fetchCount(OPPORTUNITY_LINE, OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(opportunityId)
                .and(DealScope.visibleDeal(scope, OPPORTUNITY_LINE.OPPORTUNITY_ID)));
    }

    private boolean writeChanged(long id, int expectedVersion, OpportunityRecord row) {
        row.changed(OPPORTUNITY.ID, false);
        return db.update(OPPORTUNITY).set(row)
                .where(OPPORTUNITY.ID.eq(id).and(OPPORTUNITY.VERSION.eq(expectedVersion)))
                .execute() == 1;
    }

    public void appendHistory(long opportunityId, StageHistoryEntry.Event event, Long fromStageId, long toStageId,
                              long actorId, OffsetDateTime at, String overrideReason) {
        db.insertInto(STAGE_HISTORY)
                .set(STAGE_HISTORY.OPPORTUNITY_ID, opportunityId)
                .set(STAGE_HISTORY.EVENT, event.name())
                .set(STAGE_HISTORY.FROM_STAGE_ID, fromStageId)
                .set(STAGE_HISTORY.TO_STAGE_ID, toStageId)
                .set(STAGE_HISTORY.CHANGED_BY, actorId)
                .set(STAGE_HISTORY.CHANGED_AT, at)
                .set(STAGE_HISTORY.OVERRIDE_REASON, overrideReason)
                .execute();
        // how far the deal got and whether it was ever won follow from this entry in the database
        // (funnel_refresh_stage_entries, db-changelog 1.6/reach.xml)
    }

    /** The stage ledger of the customer's visible deals after the cursor, newest first, as timeline entries. */
    public List<TimelineEntry> timeline(VisibleScope scope, long customerId, TimelineCursor after, int limit) {
        return db.select(STAGE_HISTORY.ID, STAGE_HISTORY.CHANGED_AT, STAGE_HISTORY.EVENT, OPPORTUNITY.NAME,
                        STAGE.NAME_EN, STAGE.NAME_ZH, APP_USER.FULL_NAME, OPPORTUNITY.ACTUAL_AMOUNT,
                        OPPORTUNITY.CURRENCY, OPPORTUNITY.ID)
                .from(STAGE_HISTORY)
                .join(OPPORTUNITY).on(OPPORTUNITY.ID.eq(STAGE_HISTORY.OPPORTUNITY_ID))
                .join(STAGE).on(STAGE.ID.eq(STAGE_HISTORY.TO_STAGE_ID))
                .leftJoin(APP_USER).on(APP_USER.ID.eq(STAGE_HISTORY.CHANGED_BY))
                .where(OPPORTUNITY.CUSTOMER_ID.eq(customerId).and(scope.owns(OPPORTUNITY.OWNER_ID))
                        .and(TimelineCursor.after(after, TimelineKind.STAGE_CHANGE, STAGE_HISTORY.CHANGED_AT,
                                STAGE_HISTORY.ID)))
                .orderBy(STAGE_HISTORY.CHANGED_AT.desc(), STAGE_HISTORY.ID.desc())
                .limit(limit)
                .fetch(r -> new TimelineEntry(TimelineKind.STAGE_CHANGE, r.value2(), r.value1(), r.value3(),
                        r.value4(), r.value5(), r.value6(), r.value7(),
                        "WON".equals(r.value3()) ? r.value8() : null, r.value9(), r.value10()));
    }

    /** Won revenue and open pipeline of the customer's visible deals, per currency. */
    public CustomerDeals customerDeals(VisibleScope scope, long customerId) {
        var won = new java.util.TreeMap<String, BigDecimal>();
        var open = new java.util.TreeMap<String, BigDecimal>();
        var openCount = new int[1];
        db.select(OPPORTUNITY.STATUS, OPPORTUNITY.CURRENCY,
                        DSL.sum(DSL.coalesce(OPPORTUNITY.ACTUAL_AMOUNT, OPPORTUNITY.AMOUNT)), DSL.count())
                .from(OPPORTUNITY)
                .where(OPPORTUNITY.CUSTOMER_ID.eq(customerId).and(scope.owns(OPPORTUNITY.OWNER_ID))
                        .and(OPPORTUNITY.STATUS.in("WON", "OPEN")))
                .groupBy(OPPORTUNITY.STATUS, OPPORTUNITY.CURRENCY)
                .forEach(r -> {
                    BigDecimal sum = r.value3() == null ? BigDecimal.ZERO : r.value3();
                    if ("WON".equals(r.value1())) {
                        won.put(r.value2(), sum);
                    } else {
                        open.put(r.value2(), sum);
                        openCount[0] += r.value4();
                    }
                });
        return new CustomerDeals(won, open, openCount[0]);
    }

    /** The customer's visible deals, open ones first, then the most recently created. */
    public List<Opportunity> findForCustomer(VisibleScope scope, long customerId, int limit) {
        return joined().where(OPPORTUNITY.CUSTOMER_ID.eq(customerId).and(scope.owns(OPPORTUNITY.OWNER_ID)))
                .orderBy(DSL.when(OPPORTUNITY.STATUS.eq("OPEN"), 0).else_(1), OPPORTUNITY.CREATED_AT.desc(),
                        OPPORTUNITY.ID.desc())
                .limit(limit)
                .fetch(OpportunityRepository::toOpportunity);
    }

    /**
     * The stage ledger of every deal the scope sees, in id order, for an integration's sync: lines are appended and
     * never changed, so when one was written is when it changed.
     */
    public List<StageHistoryEntry> ledger(VisibleScope scope, dev.funnel.platform.SyncWindow window, long offset,
                                         int limit) {
        return db.select(STAGE_HISTORY.fields()).select(APP_USER.FULL_NAME)
                .from(STAGE_HISTORY)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(STAGE_HISTORY.CHANGED_BY))
                .where(window.holds(STAGE_HISTORY.CHANGED_AT, STAGE_HISTORY.ID))
                .and(DealScope.visibleDeal(scope, STAGE_HISTORY.OPPORTUNITY_ID))
                .orderBy(STAGE_HISTORY.ID)
                .limit(limit).offset(offset)
                .fetch(OpportunityRepository::toHistoryEntry);
    }

    public long ledgerCount(VisibleScope scope, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(STAGE_HISTORY, window.holds(STAGE_HISTORY.CHANGED_AT, STAGE_HISTORY.ID)
                .and(DealScope.visibleDeal(scope, STAGE_HISTORY.OPPORTUNITY_ID)));
    }

    private static StageHistoryEntry toHistoryEntry(Record r) {
        return new StageHistoryEntry(r.get(STAGE_HISTORY.ID), r.get(STAGE_HISTORY.OPPORTUNITY_ID),
                StageHistoryEntry.Event.valueOf(r.get(STAGE_HISTORY.EVENT)), r.get(STAGE_HISTORY.FROM_STAGE_ID),
                r.get(STAGE_HISTORY.TO_STAGE_ID), r.get(STAGE_HISTORY.CHANGED_BY), r.get(APP_USER.FULL_NAME),
                r.get(STAGE_HISTORY.CHANGED_AT), r.get(STAGE_HISTORY.OVERRIDE_REASON));
    }

    public List<StageHistoryEntry> history(VisibleScope scope, long opportunityId) {
        return db.select(STAGE_HISTORY.fields()).select(APP_USER.FULL_NAME)
                .from(STAGE_HISTORY)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(STAGE_HISTORY.CHANGED_BY))
                .where(STAGE_HISTORY.OPPORTUNITY_ID.eq(opportunityId))
                .and(DealScope.visibleDeal(scope, STAGE_HISTORY.OPPORTUNITY_ID))
                .orderBy(STAGE_HISTORY.CHANGED_AT, STAGE_HISTORY.ID)
                .fetch(OpportunityRepository::toHistoryEntry);
    }

    /** The deal's recorded changes of its figures, oldest first; owner changes with both people's names. */
    public List<DealChange> changes(VisibleScope scope, long opportunityId) {
        var by = APP_USER.as("changed_by_user");
        var before = APP_USER.as("old_owner");
        var after = APP_USER.as("new_owner");
        var owner = DSL.inline(DealChange.Field.OWNER.name());
        return db.select(DEAL_REVISION.fields()).select(by.FULL_NAME, before.FULL_NAME, after.FULL_NAME)
                .from(DEAL_REVISION)
                .leftJoin(by).on(by.ID.eq(DEAL_REVISION.CHANGED_BY))
                // the values are text: only an owner's are user ids
                .leftJoin(before).on(DEAL_REVISION.FIELD.eq(owner)
                        .and(before.ID.eq(DSL.field("case when {0} = {1} then {2}::bigint end", Long.class,
                                DEAL_REVISION.FIELD, owner, DEAL_REVISION.OLD_VALUE))))
                .leftJoin(after).on(DEAL_REVISION.FIELD.eq(owner)
                        .and(after.ID.eq(DSL.field("case when {0} = {1} then {2}::bigint end", Long.class,
                                DEAL_REVISION.FIELD, owner, DEAL_REVISION.NEW_VALUE))))
                .where(DEAL_REVISION.OPPORTUNITY_ID.eq(opportunityId))
                .and(DealScope.visibleDeal(scope, DEAL_REVISION.OPPORTUNITY_ID))
                .orderBy(DEAL_REVISION.CHANGED_AT, DEAL_REVISION.ID)
                .fetch(r -> new DealChange(r.get(DEAL_REVISION.ID), r.get(DEAL_REVISION.OPPORTUNITY_ID),
                        DealChange.Field.valueOf(r.get(DEAL_REVISION.FIELD)), r.get(DEAL_REVISION.OLD_VALUE),
                        r.get(DEAL_REVISION.NEW_VALUE), r.get(DEAL_REVISION.CHANGED_AT),
                        r.get(DEAL_REVISION.CHANGED_BY), r.get(by.FULL_NAME), r.get(before.FULL_NAME),
                        r.get(after.FULL_NAME)));
    }

    private SelectOnConditionStep<Record> joined() {
        return db.select(OPPORTUNITY.fields())
                .select(CUSTOMER.NAME, APP_USER.FULL_NAME, STAGE.NAME_EN, STAGE.NAME_ZH, STAGE.PROBABILITY,
                        STAGE.STALLED_AFTER_DAYS)
                .from(OPPORTUNITY)
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(OPPORTUNITY.CUSTOMER_ID))
                .join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                .join(STAGE).on(STAGE.ID.eq(OPPORTUNITY.STAGE_ID));
    }

    private static Condition matching(VisibleScope scope, OpportunityFilter filter, OffsetDateTime now) {
        return matching(scope.owns(OPPORTUNITY.OWNER_ID), filter, now);
    }

    private static Condition matching(Condition visible, OpportunityFilter filter, OffsetDateTime now) {
        Condition condition = visible
                .and(filter.sync().holds(OPPORTUNITY.UPDATED_AT, OPPORTUNITY.ID));
        if (filter.minWinProbability() != null) {
            condition = condition.and(OPPORTUNITY.WIN_PROBABILITY.ge(filter.minWinProbability()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String text = filter.text().trim();
            condition = condition.and(OPPORTUNITY.NAME.containsIgnoreCase(text).or(CUSTOMER.NAME.containsIgnoreCase(text)));
        }
        if (filter.ownerId() != null) {
            condition = condition.and(OPPORTUNITY.OWNER_ID.eq(filter.ownerId()));
        }
        if (filter.pipelineId() != null) {
            condition = condition.and(OPPORTUNITY.PIPELINE_ID.eq(filter.pipelineId()));
        }
        if (filter.stageId() != null) {
            condition = condition.and(OPPORTUNITY.STAGE_ID.eq(filter.stageId()));
        }
        if (filter.status() != null) {
            condition = condition.and(OPPORTUNITY.STATUS.eq(filter.status().name()));
        }
        if (filter.stalled()) {
            // the board's mark: more whole days in the stage than the stage allows
            condition = condition.and(OPPORTUNITY.STATUS.eq(OpportunityStatus.OPEN.name()))
                    .and(DSL.exists(DSL.selectOne().from(STAGE).where(STAGE.ID.eq(OPPORTUNITY.STAGE_ID))
                            .and(OPPORTUNITY.STAGE_ENTERED_AT.le(DSL.field("{0} - make_interval(days => {1} + 1)",
                                    OffsetDateTime.class, DSL.val(now), STAGE.STALLED_AFTER_DAYS)))));
        }
        if (filter.closeFrom() != null) {
            condition = condition.and(OPPORTUNITY.EXPECTED_CLOSE_DATE.ge(filter.closeFrom()));
        }
        if (filter.closeTo() != null) {
            condition = condition.and(OPPORTUNITY.EXPECTED_CLOSE_DATE.le(filter.closeTo()));
        }
        return condition;
    }

    private static void copy(OpportunityDraft draft, OpportunityRecord row) {
        row.setName(draft.name().trim())
                .setCustomerId(draft.customerId())
                .setContactId(draft.contactId())
                .setAmount(draft.amount())
                .setCurrency(draft.currency())
                .setExpectedCloseDate(draft.expectedCloseDate())
                .setLeadSource(blankToNull(draft.leadSource()))
                .setGrade(blankToNull(draft.grade()))
                .setNextStep(blankToNull(draft.nextStep()))
                .setPresalesId(draft.presalesId());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Opportunity toOpportunity(Record r) {
        return new Opportunity(r.get(OPPORTUNITY.ID), r.get(OPPORTUNITY.NAME), r.get(OPPORTUNITY.CUSTOMER_ID),
                r.get(CUSTOMER.NAME), r.get(OPPORTUNITY.CONTACT_ID), r.get(OPPORTUNITY.OWNER_ID),
                r.get(APP_USER.FULL_NAME), r.get(OPPORTUNITY.PIPELINE_ID), r.get(OPPORTUNITY.STAGE_ID),
                r.get(STAGE.NAME_EN), r.get(STAGE.NAME_ZH), r.get(STAGE.PROBABILITY),
                r.get(OPPORTUNITY.STAGE_ENTERED_AT), r.get(OPPORTUNITY.AMOUNT), r.get(OPPORTUNITY.CURRENCY),
                r.get(OPPORTUNITY.EXPECTED_CLOSE_DATE), r.get(OPPORTUNITY.LEAD_SOURCE),
                OpportunityStatus.valueOf(r.get(OPPORTUNITY.STATUS)), r.get(OPPORTUNITY.CLOSED_AT),
                r.get(OPPORTUNITY.LOST_REASON), r.get(OPPORTUNITY.VERSION), r.get(OPPORTUNITY.CREATED_AT),
                r.get(OPPORTUNITY.UPDATED_AT), r.get(OPPORTUNITY.GRADE), r.get(OPPORTUNITY.NEXT_STEP),
                r.get(OPPORTUNITY.PRESALES_ID), r.get(OPPORTUNITY.ACTUAL_AMOUNT), r.get(OPPORTUNITY.ACTUAL_CLOSE_DATE),
                r.get(OPPORTUNITY.LOST_COMMENT), r.get(STAGE.STALLED_AFTER_DAYS), r.get(OPPORTUNITY.COMPANY_AMOUNT),
                r.get(OPPORTUNITY.WIN_PROBABILITY));
    }
}
