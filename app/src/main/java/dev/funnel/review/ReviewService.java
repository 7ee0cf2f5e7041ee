package dev.funnel.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.FrozenException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.review.ReviewAgenda.DecisionLine;
import dev.funnel.review.internal.AgendaBuilder;
import dev.funnel.review.internal.ReviewRepository;
import dev.funnel.review.internal.ReviewRepository.DecisionRow;
import dev.funnel.review.internal.ReviewRepository.ReviewRow;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review meetings (docs/reviews.md): a sales manager (or an administrator) starts a review of a team they may see
 * for a week or a month, reads the agenda Funnel prepares, records notes and decisions (each decision a task for
 * its owner) and closes it, which freezes the agenda. A closed review takes no more changes.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class ReviewService {

    static final String ENTITY = "review";
    private static final int MOST = 200;

    private final ReviewRepository reviews;
    private final AgendaBuilder agendas;
    private final TeamService teams;
    private final UserService users;
    private final PipelineService pipelines;
    private final TaskService tasks;
    private final OpportunityService opportunities;
    private final Clock clock;
    private final ObjectMapper json;

    ReviewService(ReviewRepository reviews, AgendaBuilder agendas, TeamService teams, UserService users,
                  PipelineService pipelines, TaskService tasks, OpportunityService opportunities, Clock clock,
                  ObjectMapper json) {
        this.opportunities = opportunities;
        this.reviews = reviews;
        this.agendas = agendas;
        this.teams = teams;
        this.users = users;
        this.pipelines = pipelines;
        this.tasks = tasks;
        this.clock = clock;
        // a snapshot is read back by later versions: a field they no longer know must not make it unreadable
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The reviews of the teams the caller may see, latest period first (the latest 200). */
    public List<ReviewSummary> list() {
        return reviews.list(visibleTeams().keySet(), 0, MOST);
    }

    /** One page of the reviews of the teams the caller may see, latest period first. */
    public PageResult<ReviewSummary> page(PageRequest page) {
        var teamIds = visibleTeams().keySet();
        return new PageResult<>(reviews.list(teamIds, page.offset(), page.limit()), reviews.count(teamIds),
                page.page(), page.size());
    }

    /** The teams a review may be started for: those whose figures the caller sees. */
    public List<Team> teams() {
        return List.copyOf(visibleTeams().values());
    }

    /**
     * Starts the review of a team's period (the week or month holding {@code day}); one per team, pipeline and
     * period. The period must have begun.
     */
    @Transactional
    public Review start(NewReview draft) {
        CurrentUser me = users.current();
        Map<Long, Team> visible = visibleTeams();
        LocalDate today = LocalDate.now(clock);
        Checks.start()
                .required("teamId", draft.teamId())
                .required("period", draft.period())
                .required("day", draft.day())
                .orThrow();
        Checks.start()
                .rule(visible.containsKey(draft.teamId()), "teamId", "validation.review.team-not-visible")
                .rule(!draft.period().start(draft.day()).isAfter(today), "day", "validation.review.future")
                .orThrow();
        Pipeline pipeline = draft.pipelineId() == null
                ? pipelines.defaultPipeline().orElseThrow(() -> new NotFoundException("pipeline", "default"))
                : pipelines.get(draft.pipelineId());
        LocalDate start = draft.period().start(draft.day());
        Checks.start().rule(!reviews.exists(draft.teamId(), pipeline.id(), draft.period(), start), "day",
                "validation.review.exists").orThrow();
        long id = reviews.insert(draft.teamId(), pipeline.id(), draft.period(), start, draft.period().end(start),
                me.id());
        ReviewRow row = reviews.find(id).orElseThrow();
        reviews.prepare(id, write(agendas.build(request(row))));
        return get(id);
    }

    /**
     * A review with its agenda: while it is open, as prepared when it started or was last refreshed, with the last
     * review's decisions as they stand now; once closed, as frozen.
     */
    public Review get(long id) {
        ReviewRow row = visibleRow(id);
        ReviewAgenda agenda;
        if (row.status() == Review.Status.CLOSED) {
            agenda = read(row);
        } else if (row.agenda() == null) {
            // started before agendas were prepared: computed for this read
            agenda = agendas.build(request(row));
        } else {
            ReviewAgenda prepared = read(row);
            agenda = prepared.previousReviewId() == null ? prepared
                    : prepared.withPreviousDecisions(decisionLines(prepared.previousReviewId()));
        }
        return new Review(row.id(), row.teamId(), row.teamName(), row.pipelineId(), row.period(), row.periodStart(),
                row.periodEnd(), row.status(), row.createdByName(), row.createdAt(), row.closedByName(),
                row.closedAt(), row.version(), agenda, reviews.notes(id), decisionsOf(id));
    }

    /** The decisions of a review with their tasks' states now. */
    public List<ReviewDecision> decisions(long reviewId) {
        visibleRow(reviewId);
        return decisionsOf(reviewId);
    }

    /** The decisions of a review already found visible: the teams' check is not repeated per read. */
    private List<ReviewDecision> decisionsOf(long reviewId) {
        List<DecisionRow> rows = reviews.decisions(reviewId);
        Map<Long, TaskService.TaskState> states = tasks.states(rows.stream().map(DecisionRow::taskId).toList());
        return rows.stream().map(d -> {
            TaskService.TaskState task = states.get(d.taskId());
            return new ReviewDecision(d.id(), d.opportunityId(), d.opportunityName(), d.text(), d.ownerId(),
                    d.ownerName(), task == null ? d.dueDate() : task.dueDate(), d.taskId(),
                    task == null ? null : task.status().name(), task == null ? null : task.completedAt(),
                    d.createdAt());
        }).toList();
    }

    @Transactional
    public ReviewNote addNote(long reviewId, NoteDraft note) {
        CurrentUser me = users.current();
        openForChanges(reviewId);
        String topic = note.topic() == null || note.topic().isBlank() ? null : note.topic().trim();
        Checks.start()
                .required("body", note.body())
                .maxLength("body", note.body(), 5000)
                .maxLength("topic", topic, 200)
                .orThrow();
        long id = reviews.insertNote(reviewId, note.opportunityId() == null ? null
                : tasksDeal(note.opportunityId()), topic, note.body().trim(), me.id());
        reviews.touch(reviewId, OffsetDateTime.now(clock), me.id());
        return reviews.notes(reviewId).stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }

    /** Records a decision and gives its owner the task to carry it out. */
    @Transactional
    public ReviewDecision decide(long reviewId, DecisionDraft decision) {
        CurrentUser me = users.current();
        openForChanges(reviewId);
        Checks.start()
                .required("text", decision.text())
                .maxLength("text", decision.text(), 200)
                .required("ownerId", decision.ownerId())
                .required("dueDate", decision.dueDate())
                .orThrow();
        Task task = tasks.give(decision.opportunityId(), decision.text(), decision.ownerId(), decision.dueDate());
        long id = reviews.insertDecision(reviewId, task.opportunityId(), decision.text().trim(), decision.ownerId(),
                decision.dueDate(), task.id(), me.id());
        reviews.touch(reviewId, OffsetDateTime.now(clock), me.id());
        return decisionsOf(reviewId).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }

    /**
     * Computes the open review's agenda again, from the deals as they are now, for the meeting to read; its notes,
     * decisions and version are untouched.
     */
    @Transactional
    public Review refresh(long reviewId) {
        ReviewRow row = openForChanges(reviewId);
        reviews.prepare(reviewId, write(agendas.build(request(row))));
        return get(reviewId);
    }

    /**
     * Closes the review ({@code version}: the version read) and freezes its agenda as it stands now; from then on
     * the review reads the same whatever happens to the deals.
     */
    @Transactional
    public Review close(long reviewId, int version) {
        CurrentUser me = users.current();
        ReviewRow row = openForChanges(reviewId);
        String snapshot = write(agendas.build(request(row)));
        if (!reviews.close(reviewId, version, snapshot, OffsetDateTime.now(clock), me.id())) {
            throw new StaleVersionException(ENTITY, reviewId);
        }
        return get(reviewId);
    }

    /** The review's row if the caller may see it and it still takes changes, locked until the change is done. */
    private ReviewRow openForChanges(long reviewId) {
        ReviewRow row = visibleRow(reviewId);
        if (!reviews.lockOpen(reviewId)) {
            throw new FrozenException(ENTITY, reviewId);
        }
        return row;
    }

    /** A deal named by a note must be one the caller sees; a decision's is checked by the task it becomes. */
    private Long tasksDeal(long opportunityId) {
        Checks.start().rule(opportunities.canSee(opportunityId), "opportunityId",
                "validation.task.deal-not-visible").orThrow();
        return opportunityId;
    }

    private AgendaBuilder.Request request(ReviewRow row) {
        Optional<ReviewRow> previous = reviews.previous(row.teamId(), row.pipelineId(), row.period(),
                row.periodStart());
        if (previous.isEmpty()) {
            return new AgendaBuilder.Request(row.teamId(), row.pipelineId(), row.period(), row.periodStart(),
                    row.periodEnd(), null, null, null, List.of());
        }
        ReviewRow last = previous.get();
        ReviewAgenda frozen = last.status() == Review.Status.CLOSED ? read(last) : null;
        LocalDate lastAsOf = frozen != null ? frozen.asOf() : min(last.periodEnd(), LocalDate.now(clock));
        return new AgendaBuilder.Request(row.teamId(), row.pipelineId(), row.period(), row.periodStart(),
                row.periodEnd(), last.id(), lastAsOf, frozen == null ? null : frozen.current(),
                decisionLines(last.id()));
    }

    /** A review's decisions as the next review's agenda lists them, with their tasks' states now. */
    private List<DecisionLine> decisionLines(long reviewId) {
        return decisionsOf(reviewId).stream()
                .map(d -> new DecisionLine(d.id(), d.opportunityId(), d.opportunityName(), d.text(), d.ownerName(),
                        d.dueDate(), d.taskId(), d.taskStatus(), d.doneAt() == null ? null
                        : d.doneAt().atZoneSameInstant(clock.getZone()).toLocalDate()))
                .toList();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private ReviewRow visibleRow(long id) {
        ReviewRow row = reviews.find(id).orElseThrow(() -> new NotFoundException(ENTITY, id));
        if (!visibleTeams().containsKey(row.teamId())) {
            throw new NotFoundException(ENTITY, id);
        }
        return row;
    }

    /**
     * The teams whose every member's deals the caller sees: all for an administrator, the teams a manager leads
     * and those below them. Not the manager's own team when they do not lead it: a review's figures and frozen
     * snapshot must cover the whole team, never the part of it one viewer happens to see.
     */
    private Map<Long, Team> visibleTeams() {
        VisibleScope scope = users.visibleScope();
        Map<Long, Team> shown = new java.util.LinkedHashMap<>();
        for (Team team : teams.visible()) {
            if (scope.everything() || scope.ownerIds().containsAll(users.teamTreeMembers(team.id()))) {
                shown.put(team.id(), team);
            }
        }
        return shown;
    }

    private String write(ReviewAgenda agenda) {
        try {
            return json.writeValueAsString(agenda);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a review agenda could not be written as JSON", e);
        }
    }

    private ReviewAgenda read(ReviewRow row) {
        try {
            return json.readValue(row.agenda(), ReviewAgenda.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the frozen agenda of review " + row.id() + " cannot be read", e);
        }
    }
}
