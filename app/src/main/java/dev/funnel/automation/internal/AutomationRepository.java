package dev.funnel.automation.internal;

import static dev.funnel.jooq.Tables.AUTOMATION_RULE;
import static dev.funnel.jooq.Tables.AUTOMATION_RUN;
import static dev.funnel.jooq.Tables.AUTOMATION_RUN_RULE;

import dev.funnel.automation.AutomationRule;
import dev.funnel.automation.AutomationRun;
import dev.funnel.automation.RuleCode;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import dev.funnel.jooq.tables.records.AutomationRuleRecord;
import org.springframework.stereotype.Repository;

/** The rules' settings and the record of runs. */
@Repository
public class AutomationRepository {

    private final DSLContext db;

    AutomationRepository(DSLContext db) {
        this.db = db;
    }

    /** Every built-in rule, in the order of {@link RuleCode}; a rule without a row (newer than the data) is on. */
    public List<AutomationRule> rules() {
        Map<String, AutomationRuleRecord> rows = db.selectFrom(AUTOMATION_RULE).fetchMap(AUTOMATION_RULE.CODE);
        return Arrays.stream(RuleCode.values()).map(code -> {
            AutomationRuleRecord row = rows.get(code.name());
            return row == null ? new AutomationRule(code, true, null, 0)
                    : new AutomationRule(code, row.get(AUTOMATION_RULE.ENABLED), row.get(AUTOMATION_RULE.THRESHOLD),
                    row.get(AUTOMATION_RULE.VERSION));
        }).toList();
    }

    /** Answers false when the version is not the current one: someone else changed the rule meanwhile. */
    public boolean update(RuleCode code, int version, boolean enabled, Integer threshold, OffsetDateTime at, long by) {
        return db.update(AUTOMATION_RULE)
                .set(AUTOMATION_RULE.ENABLED, enabled)
                .set(AUTOMATION_RULE.THRESHOLD, threshold)
                .set(AUTOMATION_RULE.VERSION, AUTOMATION_RULE.VERSION.plus(1))
                .set(AUTOMATION_RULE.UPDATED_AT, at)
                .set(AUTOMATION_RULE.UPDATED_BY, by)
                .where(AUTOMATION_RULE.CODE.eq(code.name())).and(AUTOMATION_RULE.VERSION.eq(version))
                .execute() == 1;
    }

    public long startRun(String trigger, OffsetDateTime at, Long by) {
        return db.insertInto(AUTOMATION_RUN)
                .set(AUTOMATION_RUN.TRIGGER, trigger)
                .set(AUTOMATION_RUN.STARTED_AT, at)
                .set(AUTOMATION_RUN.STARTED_BY, by)
                .returning(AUTOMATION_RUN.ID).fetchOne(AUTOMATION_RUN.ID);
    }

    public void recordRule(long runId, RuleCode code, int fired) {
        db.insertInto(AUTOMATION_RUN_RULE)
                .set(AUTOMATION_RUN_RULE.RUN_ID, runId)
                .set(AUTOMATION_RUN_RULE.RULE_CODE, code.name())
                .set(AUTOMATION_RUN_RULE.FIRED, fired)
                .execute();
    }

    public void finishRun(long runId, OffsetDateTime at, String failure) {
        db.update(AUTOMATION_RUN)
                .set(AUTOMATION_RUN.FINISHED_AT, at)
                .set(AUTOMATION_RUN.FAILURE, failure)
                .where(AUTOMATION_RUN.ID.eq(runId))
                .execute();
    }

    public Optional<AutomationRun> lastRun() {
        return db.select(AUTOMATION_RUN.ID).from(AUTOMATION_RUN).orderBy(AUTOMATION_RUN.ID.desc()).limit(1)
                .fetchOptional(AUTOMATION_RUN.ID).flatMap(this::run);
    }

    public Optional<AutomationRun> run(long id) {
        return db.selectFrom(AUTOMATION_RUN).where(AUTOMATION_RUN.ID.eq(id)).fetchOptional()
                .map(run -> {
                    Map<RuleCode, Integer> fired = new EnumMap<>(RuleCode.class);
                    db.selectFrom(AUTOMATION_RUN_RULE).where(AUTOMATION_RUN_RULE.RUN_ID.eq(run.getId()))
                            .forEach(r -> fired.put(RuleCode.valueOf(r.getRuleCode()), r.getFired()));
                    return new AutomationRun(run.getId(), run.getTrigger(), run.getStartedAt(), run.getFinishedAt(),
                            run.getFailure(), fired);
                });
    }
}
