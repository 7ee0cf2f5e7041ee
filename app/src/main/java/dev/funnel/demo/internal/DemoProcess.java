package dev.funnel.demo.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.EXIT_CRITERION;
import static dev.funnel.jooq.Tables.KEY_ACTIVITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.TASK;
import static dev.funnel.jooq.Tables.TEAM;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.localDateAdd;
import static org.jooq.impl.DSL.when;

import dev.funnel.plugin.ExtensionGuard;
import dev.funnel.plugin.api.StageDefinition;
import dev.funnel.plugin.api.StageTemplate;
import dev.funnel.plugin.api.StageTemplateProvider;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * Gives the demo pipeline the exit criteria and key activities of the bundled high-tech/SaaS template, and its
 * open deals the tasks of their current stage — some done, some overdue — so that the stage guide, the gate
 * and My tasks have something to show. Without the plugin the demo pipeline simply has no process.
 */
@Component
class DemoProcess {

    static final String TEMPLATE = "high-tech-saas";

    private final DSLContext db;
    private final ExtensionGuard plugins;

    DemoProcess(DSLContext db, ExtensionGuard plugins) {
        this.db = db;
        this.plugins = plugins;
    }

    /** @return how many tasks were created */
    int apply(long pipelineId, List<Long> stageIds, OffsetDateTime now, Long adminId) {
        Optional<StageTemplate> template = plugins.callAll(StageTemplateProvider.class, StageTemplateProvider::templates)
                .stream().flatMap(List::stream).filter(t -> TEMPLATE.equals(t.id())).findFirst();
        if (template.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < Math.min(stageIds.size(), template.get().stages().size()); i++) {
            StageDefinition definition = template.get().stages().get(i);
            long stageId = stageIds.get(i);
            db.update(STAGE).set(STAGE.FORECAST_CATEGORY, definition.forecastCategory().name())
                    .set(STAGE.STALLED_AFTER_DAYS, definition.stalledAfterDays()).where(STAGE.ID.eq(stageId)).execute();
            int position = 1;
            for (var criterion : definition.exitCriteria()) {
                db.insertInto(EXIT_CRITERION).set(EXIT_CRITERION.STAGE_ID, stageId).set(EXIT_CRITERION.POSITION, position++)
                        .set(EXIT_CRITERION.TEXT_EN, criterion.text().en()).set(EXIT_CRITERION.TEXT_ZH, criterion.text().zh())
                        .set(EXIT_CRITERION.REQUIRED_FIELD, criterion.requiredField() == null ? null
                                : criterion.requiredField().name())
                        .set(EXIT_CRITERION.CREATED_BY, adminId).execute();
            }
            position = 1;
            for (var activity : definition.keyActivities()) {
                db.insertInto(KEY_ACTIVITY).set(KEY_ACTIVITY.STAGE_ID, stageId).set(KEY_ACTIVITY.POSITION, position++)
                        .set(KEY_ACTIVITY.TITLE_EN, activity.title().en()).set(KEY_ACTIVITY.TITLE_ZH, activity.title().zh())
                        .set(KEY_ACTIVITY.GUIDANCE_EN, activity.guidance().en())
                        .set(KEY_ACTIVITY.GUIDANCE_ZH, activity.guidance().zh())
                        .set(KEY_ACTIVITY.DUE_DAYS, activity.dueDays())
                        .set(KEY_ACTIVITY.ASSIGNEE_ROLE, activity.assignee().name())
                        .set(KEY_ACTIVITY.REQUIRED, activity.required())
                        .set(KEY_ACTIVITY.CREATED_BY, adminId).execute();
            }
        }
        return createTasks(pipelineId, now);
    }

    /**
     * One task per key activity of each open deal's current stage, due after the deal entered the stage. Every
     * third one is done already (a fixed rule, so the demo is the same everywhere); the rest are open, and those
     * of deals long in their stage are overdue.
     */
    private int createTasks(long pipelineId, OffsetDateTime now) {
        LocalDate today = now.toLocalDate();
        Field<LocalDate> entered = OPPORTUNITY.STAGE_ENTERED_AT.cast(LocalDate.class);
        Field<Boolean> done = OPPORTUNITY.ID.plus(KEY_ACTIVITY.ID).mod(inline(3L)).eq(inline(0L));
        Field<Long> assignee = when(KEY_ACTIVITY.ASSIGNEE_ROLE.eq(inline("MANAGER")),
                coalesce(TEAM.MANAGER_ID, OPPORTUNITY.OWNER_ID)).otherwise(OPPORTUNITY.OWNER_ID);
        return db.insertInto(TASK, TASK.OPPORTUNITY_ID, TASK.STAGE_ID, TASK.KEY_ACTIVITY_ID, TASK.TITLE, TASK.TITLE_ZH,
                        TASK.ASSIGNEE_ID, TASK.DUE_DATE, TASK.REQUIRED, TASK.STATUS, TASK.COMPLETED_AT,
                        TASK.COMPLETED_BY)
                .select(db.select(OPPORTUNITY.ID, OPPORTUNITY.STAGE_ID, KEY_ACTIVITY.ID, KEY_ACTIVITY.TITLE_EN,
                                KEY_ACTIVITY.TITLE_ZH, assignee, localDateAdd(entered, KEY_ACTIVITY.DUE_DAYS),
                                KEY_ACTIVITY.REQUIRED,
                                when(done, inline("DONE")).otherwise(inline("OPEN")),
                                when(done, OPPORTUNITY.STAGE_ENTERED_AT).otherwise(inline((OffsetDateTime) null)),
                                when(done, OPPORTUNITY.OWNER_ID).otherwise(inline((Long) null)))
                        .from(OPPORTUNITY)
                        .join(KEY_ACTIVITY).on(KEY_ACTIVITY.STAGE_ID.eq(OPPORTUNITY.STAGE_ID))
                        .join(APP_USER).on(APP_USER.ID.eq(OPPORTUNITY.OWNER_ID))
                        .leftJoin(TEAM).on(TEAM.ID.eq(APP_USER.TEAM_ID))
                        .where(OPPORTUNITY.PIPELINE_ID.eq(pipelineId).and(OPPORTUNITY.STATUS.eq(inline("OPEN"))))
                        .and(localDateAdd(entered, KEY_ACTIVITY.DUE_DAYS).le(today.plusDays(30))))
                .execute();
    }
}
