package dev.funnel.pipeline;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.pipeline.internal.TaskRepository;
import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.plugin.api.StageDefinition;
import dev.funnel.plugin.api.StageTemplate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Pipelines and their stages: everyone reads them, administrators define them. */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class PipelineService {

    private final PipelineRepository pipelines;
    private final OpportunityRepository opportunities;
    private final StageTemplateSource templates;
    private final TaskRepository tasks;
    private final TaskPlanner planner;
    private final UserService users;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    private final dev.funnel.audit.AuditLog audit;

    PipelineService(PipelineRepository pipelines, OpportunityRepository opportunities, StageTemplateSource templates,
                    TaskRepository tasks, TaskPlanner planner, UserService users, Clock clock,
                    ApplicationEventPublisher events,
            dev.funnel.audit.AuditLog audit) {
        this.audit = audit;
        this.pipelines = pipelines;
        this.opportunities = opportunities;
        this.templates = templates;
        this.tasks = tasks;
        this.planner = planner;
        this.users = users;
        this.clock = clock;
        this.events = events;
    }

    public List<Pipeline> list() {
        return pipelines.findAll();
    }

    public Pipeline get(long id) {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundException("pipeline", id));
    }

    /** Every stage the pipeline ever had, removed ones included, so that old history lines keep their names. */
    public java.util.Map<Long, Stage> stagesEver(long pipelineId) {
        get(pipelineId);
        return pipelines.allStagesEver(pipelineId);
    }

    /** The pipeline new opportunities go to when none is named. */
    public Optional<Pipeline> defaultPipeline() {
        return pipelines.findAll().stream().findFirst();
    }

    /** A new pipeline from a loaded plugin's stage template, ready to be edited. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Pipeline createFromTemplate(String templateId, String name, boolean isDefault) {
        StageTemplate template = templates.find(templateId)
                .orElseThrow(() -> InvalidInputException.of("templateId", "validation.template.unknown"));
        List<NewStage> stages = template.stages().stream().map(PipelineService::fromTemplate).toList();
        return create(new NewPipeline(name, template.id(), isDefault, stages));
    }

    private static NewStage fromTemplate(StageDefinition stage) {
        return new NewStage(stage.name().en(), stage.name().zh(), stage.probability(), stage.forecastCategory(),
                stage.stalledAfterDays(),
                stage.exitCriteria().stream().map(c -> new NewStage.NewCriterion(c.text().en(), c.text().zh(),
                        c.requiredField())).toList(),
                stage.keyActivities().stream().map(a -> new NewStage.NewKeyActivity(a.title().en(), a.title().zh(),
                        a.guidance().en(), a.guidance().zh(), a.dueDays(), a.assignee(), a.required())).toList());
    }

    /** Edits a stage: its names, probability, forecast category, limit, exit criteria and key activities. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Pipeline updateStage(long stageId, int version, StageDraft draft) {
        Stage stage = liveStage(stageId);
        Checks checks = Checks.start();
        checkStage(checks, "", draft.nameEn(), draft.nameZh(), draft.probability(), draft.stalledAfterDays());
        checkProcess(checks, "", draft.exitCriteria().stream().map(c -> c == null ? null
                        : new NewStage.NewCriterion(c.textEn(), c.textZh(), c.requiredField())).toList(),
                draft.keyActivities().stream().map(a -> a == null ? null : new NewStage.NewKeyActivity(a.titleEn(),
                        a.titleZh(), a.guidanceEn(), a.guidanceZh(), a.dueDays(), a.assignee(), a.required())).toList());
        checks.orThrow();
        long me = users.current().id();
        if (!pipelines.updateStage(stageId, version, draft, me)) {
            throw new StaleVersionException("stage", stageId);
        }
        pipelines.replaceCriteria(stageId, draft.exitCriteria(), me);
        pipelines.replaceActivities(stageId, draft.keyActivities(), me);
        audit.record("settings.pipeline", "stage", stageId, "edited: " + draft.nameEn() + " / " + draft.nameZh()
                + ", " + draft.exitCriteria().size() + " exit criteria, " + draft.keyActivities().size()
                + " key activities");
        return get(stage.pipelineId());
    }

    /** Adds a stage at a position (1 = first); the stages after it move one down. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Pipeline addStage(long pipelineId, int position, NewStage stage) {
        Pipeline pipeline = get(pipelineId);
        Checks checks = Checks.start();
        checks.rule(stage != null, "stage", "validation.required").orThrow();
        checkStage(checks, "", stage.nameEn(), stage.nameZh(), stage.probability(), stage.stalledAfterDays());
        checkProcess(checks, "", stage.exitCriteria(), stage.keyActivities());
        checks.rule(position >= 1 && position <= pipeline.stages().size() + 1, "position", "validation.position")
                .orThrow();
        long me = users.current().id();
        long id = pipelines.insertStage(pipelineId, position, stage, me);
        List<Long> order = new ArrayList<>(pipeline.stages().stream().map(Stage::id).toList());
        order.add(position - 1, id);
        pipelines.setPositions(order, me);
        positionsChanged(pipelineId);
        audit.record("settings.pipeline", "stage", id, "added at position " + position + ": " + stage.nameEn()
                + " / " + stage.nameZh());
        return get(pipelineId);
    }

    /**
     * Puts the stages in a new order. Open deals keep their stage and the history keeps its entries; from now
     * on, 'forward' and the funnel follow the new order.
     */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Pipeline reorder(long pipelineId, List<Long> stageIds) {
        Pipeline pipeline = get(pipelineId);
        Checks.start().rule(stageIds != null && new HashSet<>(stageIds).equals(
                        pipeline.stages().stream().map(Stage::id).collect(java.util.stream.Collectors.toSet()))
                        && stageIds.size() == pipeline.stages().size(), "stageIds", "validation.stages.order")
                .orThrow();
        pipelines.setPositions(stageIds, users.current().id());
        positionsChanged(pipelineId);
        audit.record("settings.pipeline", "pipeline", pipelineId, "stages reordered: " + stageIds);
        return get(pipelineId);
    }

    /**
     * Removes a stage. Its open deals must go somewhere: they move to {@code moveOpenDealsTo}, each with a line
     * in its history. The stage itself is archived, not deleted, so the history still names it.
     */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Pipeline removeStage(long stageId, Long moveOpenDealsTo) {
        Stage stage = liveStage(stageId);
        Pipeline pipeline = get(stage.pipelineId());
        int open = opportunities.openCountIn(stageId);
        Checks.start()
                .rule(pipeline.stages().size() > 1, "stageId", "validation.stages.last")
                .rule(open == 0 || moveOpenDealsTo != null, "moveOpenDealsTo", "validation.stage.has-deals", open)
                .rule(moveOpenDealsTo == null || (moveOpenDealsTo != stageId && pipeline.stages().stream()
                        .anyMatch(s -> s.id() == moveOpenDealsTo)), "moveOpenDealsTo", "validation.stage.other-pipeline")
                .orThrow();
        long me = users.current().id();
        OffsetDateTime now = OffsetDateTime.now(clock);
        tasks.cancelOpenOptionalInStage(stageId, now, me);
        if (open > 0) {
            Stage target = pipeline.stages().stream().filter(s -> s.id() == moveOpenDealsTo).findFirst().orElseThrow();
            for (long dealId : opportunities.moveAllOpen(stageId, target.id(), "stage removed: " + stage.nameEn(), now, me)) {
                planner.enteredStage(opportunities.findById(VisibleScope.everything(me), dealId).orElseThrow(), target,
                        now, me);
            }
        }
        pipelines.archiveStage(stageId, now, me);
        pipelines.setPositions(pipeline.stages().stream().map(Stage::id).filter(id -> id != stageId).toList(), me);
        positionsChanged(pipeline.id());
        audit.record("deleted.stage", "stage", stageId, stage.nameEn() + " archived; " + open
                + " open deals moved to stage " + moveOpenDealsTo);
        return get(pipeline.id());
    }

    /** How far each deal got now means something else: the conversion summary derives it again. */
    private void positionsChanged(long pipelineId) {
        events.publishEvent(new StagePositionsChanged(pipelineId));
    }

    private Stage liveStage(long stageId) {
        return pipelines.findAll().stream().flatMap(p -> p.stages().stream()).filter(s -> s.id() == stageId)
                .findFirst().orElseThrow(() -> new NotFoundException("stage", stageId));
    }

    /** The criteria and activities of a stage, the same for new pipelines, added stages and edits. */
    private static void checkProcess(Checks checks, String prefix, List<NewStage.NewCriterion> criteria,
                                     List<NewStage.NewKeyActivity> activities) {
        for (int i = 0; i < criteria.size(); i++) {
            NewStage.NewCriterion c = criteria.get(i);
            String at = prefix + "exitCriteria[" + i + "]";
            checks.rule(c != null, at, "validation.required");
            if (c != null) {
                checks.required(at + ".textEn", c.textEn()).required(at + ".textZh", c.textZh())
                        .maxLength(at + ".textEn", c.textEn(), 300).maxLength(at + ".textZh", c.textZh(), 300);
            }
        }
        for (int i = 0; i < activities.size(); i++) {
            NewStage.NewKeyActivity a = activities.get(i);
            String at = prefix + "keyActivities[" + i + "]";
            checks.rule(a != null, at, "validation.required");
            if (a != null) {
                checks.required(at + ".titleEn", a.titleEn()).required(at + ".titleZh", a.titleZh())
                        .maxLength(at + ".titleEn", a.titleEn(), 200).maxLength(at + ".titleZh", a.titleZh(), 200)
                        .required(at + ".assignee", a.assignee())
                        .rule(a.dueDays() >= 0, at + ".dueDays", "validation.due-days");
            }
        }
    }

    private static void checkStage(Checks checks, String prefix, String nameEn, String nameZh, int probability,
                                   int stalledAfterDays) {
        checks.required(prefix + "nameEn", nameEn).required(prefix + "nameZh", nameZh)
                .maxLength(prefix + "nameEn", nameEn, 100).maxLength(prefix + "nameZh", nameZh, 100)
                .rule(probability >= 0 && probability <= 100, prefix + "probability", "validation.probability")
                .rule(stalledAfterDays >= 1, prefix + "stalledAfterDays", "validation.stalled-days");
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Pipeline create(NewPipeline pipeline) {
        Checks checks = Checks.start()
                .required("name", pipeline.name())
                .maxLength("name", pipeline.name(), 100)
                .rule(pipeline.name() == null || !pipelines.nameTaken(pipeline.name().trim()), "name",
                        "validation.name.taken")
                .rule(pipeline.stages() != null && !pipeline.stages().isEmpty(), "stages", "validation.stages.empty");
        if (pipeline.stages() != null) {
            var names = new HashSet<String>();
            for (int i = 0; i < pipeline.stages().size(); i++) {
                NewStage stage = pipeline.stages().get(i);
                String field = "stages[" + i + "]";
                if (stage == null) {
                    checks.rule(false, field, "validation.required");
                    continue;
                }
                checkProcess(checks, field + ".", stage.exitCriteria(), stage.keyActivities());
                checks.required(field + ".nameEn", stage.nameEn())
                        .required(field + ".nameZh", stage.nameZh())
                        .maxLength(field + ".nameEn", stage.nameEn(), 100)
                        .maxLength(field + ".nameZh", stage.nameZh(), 100)
                        .rule(stage.probability() >= 0 && stage.probability() <= 100, field + ".probability",
                                "validation.probability")
                        .rule(stage.stalledAfterDays() >= 1, field + ".stalledAfterDays", "validation.stalled-days")
                        .rule(stage.nameEn() == null || names.add(stage.nameEn().trim().toLowerCase(Locale.ROOT)),
                                field + ".nameEn", "validation.name.taken");
            }
        }
        checks.orThrow();
        long created = pipelines.insert(pipeline, users.current().id());
        audit.record("settings.pipeline", "pipeline", created, "created: " + pipeline.name() + ", "
                + pipeline.stages().size() + " stages");
        return get(created);
    }
}
