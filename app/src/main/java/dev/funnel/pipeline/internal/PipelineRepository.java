package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.EXIT_CRITERION;
import static dev.funnel.jooq.Tables.KEY_ACTIVITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.PIPELINE;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectFrom;

import dev.funnel.jooq.tables.records.ExitCriterionRecord;
import dev.funnel.jooq.tables.records.KeyActivityRecord;
import dev.funnel.pipeline.Criterion;
import dev.funnel.pipeline.KeyActivity;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Stage;
import dev.funnel.plugin.api.AssigneeRole;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.OpportunityField;
import dev.funnel.pipeline.StageDraft;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Pipelines with their stages, each stage with its exit criteria and key activities, read in one query. */
@Repository
public class PipelineRepository {

    private final DSLContext db;
    /** Audit times follow the application's clock, like every other time it writes. */
    private final Clock clock;

    PipelineRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<Pipeline> findAll() {
        return db.select(PIPELINE.fields()).select(STAGES)
                .from(PIPELINE)
                .orderBy(PIPELINE.IS_DEFAULT.desc(), PIPELINE.NAME)
                .fetch(PipelineRepository::toPipeline);
    }

    public Optional<Pipeline> findById(long id) {
        return db.select(PIPELINE.fields()).select(STAGES)
                .from(PIPELINE).where(PIPELINE.ID.eq(id))
                .fetchOptional(PipelineRepository::toPipeline);
    }

    /** Every stage the pipeline ever had, removed ones included, by id: what the history may name. */
    public java.util.Map<Long, Stage> allStagesEver(long pipelineId) {
        return db.select(STAGE.asterisk(), CRITERIA, ACTIVITIES).from(STAGE).where(STAGE.PIPELINE_ID.eq(pipelineId))
                .fetch(PipelineRepository::toStage).stream()
                .collect(java.util.stream.Collectors.toMap(Stage::id, java.util.function.Function.identity()));
    }

    public boolean nameTaken(String name) {
        return db.fetchExists(PIPELINE, PIPELINE.NAME.equalIgnoreCase(name));
    }

    public long insert(NewPipeline pipeline, long actorId) {
        if (pipeline.isDefault()) {
            db.update(PIPELINE).set(PIPELINE.IS_DEFAULT, false).where(PIPELINE.IS_DEFAULT).execute();
        }
        long id = db.insertInto(PIPELINE)
                .set(PIPELINE.NAME, pipeline.name().trim())
                .set(PIPELINE.TEMPLATE_ID, pipeline.templateId())
                .set(PIPELINE.IS_DEFAULT, pipeline.isDefault())
                .set(PIPELINE.CREATED_BY, actorId)
                .set(PIPELINE.UPDATED_BY, actorId)
                .returning(PIPELINE.ID).fetchOne(PIPELINE.ID);
        int position = 1;
        for (NewStage stage : pipeline.stages()) {
            insertStage(id, position++, stage, actorId);
        }
        return id;
    }

    public long insertStage(long pipelineId, int position, NewStage stage, long actorId) {
        long stageId = db.insertInto(STAGE)
                .set(STAGE.PIPELINE_ID, pipelineId)
                .set(STAGE.POSITION, position)
                .set(STAGE.NAME_EN, stage.nameEn().trim())
                .set(STAGE.NAME_ZH, stage.nameZh().trim())
                .set(STAGE.PROBABILITY, stage.probability())
                .set(STAGE.FORECAST_CATEGORY, stage.forecastCategory().name())
                .set(STAGE.STALLED_AFTER_DAYS, stage.stalledAfterDays())
                .set(STAGE.CREATED_BY, actorId)
                .set(STAGE.UPDATED_BY, actorId)
                .returning(STAGE.ID).fetchOne(STAGE.ID);
        insertCriteria(stageId, stage.exitCriteria(), actorId);
        insertActivities(stageId, stage.keyActivities(), actorId);
        return stageId;
    }

    /** Writes a stage's own fields only when it still has the version the caller read. */
    public boolean updateStage(long stageId, int version, StageDraft draft, long actorId) {
        return db.update(STAGE)
                .set(STAGE.NAME_EN, draft.nameEn().trim())
                .set(STAGE.NAME_ZH, draft.nameZh().trim())
                .set(STAGE.PROBABILITY, draft.probability())
                .set(STAGE.FORECAST_CATEGORY, draft.forecastCategory().name())
                .set(STAGE.STALLED_AFTER_DAYS, draft.stalledAfterDays())
                .set(STAGE.VERSION, version + 1)
                .set(STAGE.UPDATED_AT, OffsetDateTime.now(clock))
                .set(STAGE.UPDATED_BY, actorId)
                .where(STAGE.ID.eq(stageId).and(STAGE.VERSION.eq(version)))
                .execute() == 1;
    }

    /** Keeps the listed criteria (updating existing ones by id, adding new ones) and removes the rest. */
    public void replaceCriteria(long stageId, List<StageDraft.CriterionDraft> criteria, long actorId) {
        List<Long> kept = criteria.stream().map(StageDraft.CriterionDraft::id).filter(Objects::nonNull).toList();
        db.deleteFrom(EXIT_CRITERION).where(EXIT_CRITERION.STAGE_ID.eq(stageId).and(EXIT_CRITERION.ID.notIn(kept)))
                .execute();
        int position = 1;
        for (StageDraft.CriterionDraft c : criteria) {
            String field = c.requiredField() == null ? null : c.requiredField().name();
            if (c.id() == null) {
                db.insertInto(EXIT_CRITERION).set(EXIT_CRITERION.STAGE_ID, stageId).set(EXIT_CRITERION.POSITION, position)
                        .set(EXIT_CRITERION.TEXT_EN, c.textEn().trim()).set(EXIT_CRITERION.TEXT_ZH, c.textZh().trim())
                        .set(EXIT_CRITERION.REQUIRED_FIELD, field).set(EXIT_CRITERION.CREATED_BY, actorId)
                        .set(EXIT_CRITERION.UPDATED_BY, actorId).execute();
            } else {
                db.update(EXIT_CRITERION).set(EXIT_CRITERION.POSITION, position)
                        .set(EXIT_CRITERION.TEXT_EN, c.textEn().trim()).set(EXIT_CRITERION.TEXT_ZH, c.textZh().trim())
                        .set(EXIT_CRITERION.REQUIRED_FIELD, field).set(EXIT_CRITERION.UPDATED_BY, actorId)
                        .set(EXIT_CRITERION.VERSION, EXIT_CRITERION.VERSION.plus(1))
                        .where(EXIT_CRITERION.ID.eq(c.id()).and(EXIT_CRITERION.STAGE_ID.eq(stageId))).execute();
            }
            position++;
        }
    }

    /** Keeps the listed key activities (by id, or new) and removes the rest; their tasks stay. */
    public void replaceActivities(long stageId, List<StageDraft.KeyActivityDraft> activities, long actorId) {
        List<Long> kept = activities.stream().map(StageDraft.KeyActivityDraft::id).filter(Objects::nonNull).toList();
        db.deleteFrom(KEY_ACTIVITY).where(KEY_ACTIVITY.STAGE_ID.eq(stageId).and(KEY_ACTIVITY.ID.notIn(kept))).execute();
        int position = 1;
        for (StageDraft.KeyActivityDraft a : activities) {
            if (a.id() == null) {
                insertActivities(stageId, position, List.of(new NewStage.NewKeyActivity(a.titleEn(), a.titleZh(),
                        a.guidanceEn(), a.guidanceZh(), a.dueDays(), a.assignee(), a.required())), actorId);
            } else {
                db.update(KEY_ACTIVITY).set(KEY_ACTIVITY.POSITION, position)
                        .set(KEY_ACTIVITY.TITLE_EN, a.titleEn().trim()).set(KEY_ACTIVITY.TITLE_ZH, a.titleZh().trim())
                        .set(KEY_ACTIVITY.GUIDANCE_EN, a.guidanceEn()).set(KEY_ACTIVITY.GUIDANCE_ZH, a.guidanceZh())
                        .set(KEY_ACTIVITY.DUE_DAYS, a.dueDays()).set(KEY_ACTIVITY.ASSIGNEE_ROLE, a.assignee().name())
                        .set(KEY_ACTIVITY.REQUIRED, a.required()).set(KEY_ACTIVITY.UPDATED_BY, actorId)
                        .set(KEY_ACTIVITY.VERSION, KEY_ACTIVITY.VERSION.plus(1))
                        .where(KEY_ACTIVITY.ID.eq(a.id()).and(KEY_ACTIVITY.STAGE_ID.eq(stageId))).execute();
            }
            position++;
        }
    }

    /** Gives the pipeline's live stages the positions 1..n in the order given. */
    public void setPositions(List<Long> stageIds, long actorId) {
        int position = 1;
        for (long stageId : stageIds) {
            db.update(STAGE).set(STAGE.POSITION, position++).set(STAGE.VERSION, STAGE.VERSION.plus(1))
                    .set(STAGE.UPDATED_BY, actorId).where(STAGE.ID.eq(stageId)).execute();
        }
    }

    public void archiveStage(long stageId, OffsetDateTime now, long actorId) {
        db.update(STAGE).set(STAGE.ARCHIVED_AT, now).set(STAGE.POSITION, 0).set(STAGE.VERSION, STAGE.VERSION.plus(1))
                .set(STAGE.UPDATED_BY, actorId).where(STAGE.ID.eq(stageId)).execute();
    }

    private void insertCriteria(long stageId, List<NewStage.NewCriterion> criteria, long actorId) {
        int position = 1;
        for (NewStage.NewCriterion criterion : criteria) {
            db.insertInto(EXIT_CRITERION)
                    .set(EXIT_CRITERION.STAGE_ID, stageId)
                    .set(EXIT_CRITERION.POSITION, position++)
                    .set(EXIT_CRITERION.TEXT_EN, criterion.textEn().trim())
                    .set(EXIT_CRITERION.TEXT_ZH, criterion.textZh().trim())
                    .set(EXIT_CRITERION.REQUIRED_FIELD,
                            criterion.requiredField() == null ? null : criterion.requiredField().name())
                    .set(EXIT_CRITERION.CREATED_BY, actorId)
                    .set(EXIT_CRITERION.UPDATED_BY, actorId)
                    .execute();
        }
    }

    private void insertActivities(long stageId, List<NewStage.NewKeyActivity> activities, long actorId) {
        insertActivities(stageId, 1, activities, actorId);
    }

    private void insertActivities(long stageId, int firstPosition, List<NewStage.NewKeyActivity> activities,
                                  long actorId) {
        int position = firstPosition;
        for (NewStage.NewKeyActivity activity : activities) {
            db.insertInto(KEY_ACTIVITY)
                    .set(KEY_ACTIVITY.STAGE_ID, stageId)
                    .set(KEY_ACTIVITY.POSITION, position++)
                    .set(KEY_ACTIVITY.TITLE_EN, activity.titleEn().trim())
                    .set(KEY_ACTIVITY.TITLE_ZH, activity.titleZh().trim())
                    .set(KEY_ACTIVITY.GUIDANCE_EN, activity.guidanceEn())
                    .set(KEY_ACTIVITY.GUIDANCE_ZH, activity.guidanceZh())
                    .set(KEY_ACTIVITY.DUE_DAYS, activity.dueDays())
                    .set(KEY_ACTIVITY.ASSIGNEE_ROLE, activity.assignee().name())
                    .set(KEY_ACTIVITY.REQUIRED, activity.required())
                    .set(KEY_ACTIVITY.CREATED_BY, actorId)
                    .set(KEY_ACTIVITY.UPDATED_BY, actorId)
                    .execute();
        }
    }

    // correlated multisets, aliased so that a row can tell them apart; declared in dependency order
    private static final Field<List<Criterion>> CRITERIA = multiset(selectFrom(EXIT_CRITERION)
            .where(EXIT_CRITERION.STAGE_ID.eq(STAGE.ID)).orderBy(EXIT_CRITERION.POSITION))
            .as("criteria")
            .convertFrom(rows -> rows.map(r -> toCriterion(r.into(EXIT_CRITERION))));

    private static final Field<List<KeyActivity>> ACTIVITIES = multiset(selectFrom(KEY_ACTIVITY)
            .where(KEY_ACTIVITY.STAGE_ID.eq(STAGE.ID)).orderBy(KEY_ACTIVITY.POSITION))
            .as("activities")
            .convertFrom(rows -> rows.map(r -> toActivity(r.into(KEY_ACTIVITY))));

    private static final Field<List<Stage>> STAGES = multiset(select(STAGE.asterisk(), CRITERIA, ACTIVITIES)
            .from(STAGE).where(STAGE.PIPELINE_ID.eq(PIPELINE.ID).and(STAGE.ARCHIVED_AT.isNull()))
            .orderBy(STAGE.POSITION))
            .as("stages")
            .convertFrom(rows -> rows.map(PipelineRepository::toStage));

    private static Stage toStage(Record r) {
        return new Stage(r.get(STAGE.ID), r.get(STAGE.PIPELINE_ID), r.get(STAGE.POSITION), r.get(STAGE.NAME_EN),
                r.get(STAGE.NAME_ZH), r.get(STAGE.PROBABILITY), ForecastCategory.valueOf(r.get(STAGE.FORECAST_CATEGORY)),
                r.get(STAGE.STALLED_AFTER_DAYS), r.get(CRITERIA), r.get(ACTIVITIES), r.get(STAGE.VERSION));
    }

    private static Criterion toCriterion(ExitCriterionRecord r) {
        return new Criterion(r.getId(), r.getStageId(), r.getPosition(), r.getTextEn(), r.getTextZh(),
                r.getRequiredField() == null ? null : OpportunityField.valueOf(r.getRequiredField()));
    }

    private static KeyActivity toActivity(KeyActivityRecord r) {
        return new KeyActivity(r.getId(), r.getStageId(), r.getPosition(), r.getTitleEn(), r.getTitleZh(),
                r.getGuidanceEn(), r.getGuidanceZh(), r.getDueDays(), AssigneeRole.valueOf(r.getAssigneeRole()),
                r.getRequired());
    }

    private static Pipeline toPipeline(Record r) {
        return new Pipeline(r.get(PIPELINE.ID), r.get(PIPELINE.NAME), r.get(PIPELINE.TEMPLATE_ID),
                r.get(PIPELINE.IS_DEFAULT), r.get(STAGES), r.get(PIPELINE.VERSION));
    }
}
