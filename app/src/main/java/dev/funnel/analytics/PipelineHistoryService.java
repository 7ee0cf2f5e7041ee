package dev.funnel.analytics;

import dev.funnel.analytics.PipelineMovement.Bar;
import dev.funnel.analytics.PipelineMovement.Figure;
import dev.funnel.analytics.PipelineMovement.Movement;
import dev.funnel.analytics.PipelineMovement.StageMovement;
import dev.funnel.analytics.internal.ConversionSummary;
import dev.funnel.analytics.internal.PipelineHistoryRepository;
import dev.funnel.analytics.internal.PipelineHistoryRepository.CloseWindow;
import dev.funnel.analytics.internal.PipelineHistoryRepository.MovementRow;
import dev.funnel.analytics.internal.PipelineHistoryRepository.StageFigures;
import dev.funnel.identity.Role;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.Checks;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's past (docs/metrics.md, "Pipeline as of a date", "Movement between two dates", "Flags"): as it
 * stood at the end of a day, what moved it between two days and which deals a review should look at, over the
 * deals the caller may see. In these reports the filter's {@code from} and {@code to} are not a period of creation
 * or close but the expected close dates that count as in the pipeline (none: every open deal).
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class PipelineHistoryService {

    /** Days without a follow-up with the customer that flag an open deal, when the caller names none. */
    public static final int DEFAULT_QUIET_DAYS = 14;

    private final ReportScope scopes;
    private final PipelineHistoryRepository history;
    private final ConversionSummary derived;
    private final PipelineService pipelines;
    private final Clock clock;
    private final TransactionTemplate oneSnapshot;

    PipelineHistoryService(ReportScope scopes, PipelineHistoryRepository history, ConversionSummary derived,
                           PipelineService pipelines, Clock clock, PlatformTransactionManager transactions) {
        this.scopes = scopes;
        this.history = history;
        this.derived = derived;
        this.pipelines = pipelines;
        this.clock = clock;
        this.oneSnapshot = new TransactionTemplate(transactions);
        oneSnapshot.setReadOnly(true);
        oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** The open pipeline at the end of {@code date}, per stage. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public PipelineAsOfReport asOf(ReportFilter filter, LocalDate date) {
        checkPast("date", date);
        ReportScope.Scope scope = scopes.of(filter);
        // the deals' states are derived with the conversion entries, queued after bulk writes
        derived.drain();
        Instant moment = endOf(date);
        Map<Long, StageFigures> figures = history.openAt(scope.selection(), window(filter), justBefore(moment));
        List<PipelineAsOfReport.StageLine> lines = new ArrayList<>();
        long deals = 0;
        long unconverted = 0;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (StageRef stage : stages(scope, figures.keySet())) {
            StageFigures f = figures.getOrDefault(stage.stage().id(),
                    new StageFigures(0, BigDecimal.ZERO, BigDecimal.ZERO, 0));
            lines.add(new PipelineAsOfReport.StageLine(stage.stage().id(), stage.stage().position(),
                    stage.stage().nameEn(), stage.stage().nameZh(), stage.stage().probability(), stage.removed(),
                    f.deals(), money(f.amount()), money(f.weighted())));
            deals += f.deals();
            unconverted += f.unconverted();
            amount = amount.add(f.amount());
            weighted = weighted.add(f.weighted());
        }
        LocalDate first = history.firstDealDate(scope.selection()).orElse(null);
        return new PipelineAsOfReport(date, moment, scope.pipeline().id(), scope.currency(), first, lines, deals,
                money(amount), money(weighted), unconverted);
    }

    /** The deals of one stage open at the end of {@code date}, largest first. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public PageResult<MovedDeal> asOfDeals(ReportFilter filter, LocalDate date, long stageId, PageRequest page) {
        checkPast("date", date);
        ReportScope.Scope scope = scopes.of(filter);
        derived.drain();
        return history.openDeals(scope.selection(), window(filter), justBefore(endOf(date)), stageId, page);
    }

    /**
     * What moved the open pipeline between the end of {@code from} and the end of {@code to}.
     *
     * <p>Its statements read one snapshot, taken after the queued deals are derived: the method itself joins the
     * caller's transaction if there is one and opens none, and the figures are read in a read-only REPEATABLE
     * READ transaction of their own, which lets the pipeline at the end be read on a second connection beside
     * the changed deals (SnapshotReads). Inside a caller's transaction (a review being prepared) they are read
     * in it, one after the other.
     */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public PipelineMovement movement(ReportFilter filter, LocalDate from, LocalDate to) {
        checkDates(from, to);
        ReportScope.Scope scope = scopes.of(filter);
        derived.drain();
        Instant t1 = justBefore(endOf(from));
        Instant t2 = justBefore(endOf(to));
        PipelineHistoryRepository.MovementFigures figures = oneSnapshot.execute(status ->
                history.movement(scope.selection(), window(filter), t1, t2));
        List<MovementRow> rows = figures.rows();
        Map<Long, Map<String, MovementRow>> byStage = new HashMap<>();
        Map<Movement, Bar> company = new LinkedHashMap<>();
        for (MovementRow row : rows) {
            if (row.stageId() == null) {
                company.put(Movement.valueOf(row.kind()), bar(Movement.valueOf(row.kind()), row));
            } else {
                byStage.computeIfAbsent(row.stageId(), k -> new HashMap<>()).put(row.kind(), row);
            }
        }
        List<StageMovement> stages = new ArrayList<>();
        long startDeals = 0;
        long endDeals = 0;
        BigDecimal startAmount = BigDecimal.ZERO;
        BigDecimal endAmount = BigDecimal.ZERO;
        for (StageRef stage : stages(scope, byStage.keySet())) {
            Map<String, MovementRow> own = byStage.getOrDefault(stage.stage().id(), Map.of());
            Figure start = figure(own.get("START"));
            Figure end = figure(own.get("END"));
            List<Bar> bars = new ArrayList<>();
            for (Movement movement : Movement.values()) {
                MovementRow row = own.get(movement.name());
                if (row != null) {
                    bars.add(bar(movement, row));
                }
            }
            stages.add(new StageMovement(stage.stage().id(), stage.stage().position(), stage.stage().nameEn(),
                    stage.stage().nameZh(), stage.removed(), start, bars, end));
            startDeals += start.deals();
            endDeals += end.deals();
            startAmount = startAmount.add(start.amount());
            endAmount = endAmount.add(end.amount());
        }
        List<Bar> bars = Arrays.stream(Movement.values()).filter(company::containsKey).map(company::get).toList();
        return new PipelineMovement(from, to, filter.from(), filter.to(), scope.currency(),
                new Figure(startDeals, money(startAmount)), bars, new Figure(endDeals, money(endAmount)), stages,
                figures.createdAndClosed());
    }

    /**
     * The deals behind one bar of the movement: for the whole selection ({@code stageId} null) or one stage,
     * largest change first.
     */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public PageResult<MovedDeal> movedDeals(ReportFilter filter, LocalDate from, LocalDate to, Movement movement,
                                            Long stageId, PageRequest page) {
        checkDates(from, to);
        Checks.start().rule(stageId != null || (movement != Movement.STAGE_IN && movement != Movement.STAGE_OUT),
                "stageId", "validation.required").orThrow();
        ReportScope.Scope scope = scopes.of(filter);
        derived.drain();
        return history.movedDeals(scope.selection(), window(filter), justBefore(endOf(from)),
                justBefore(endOf(to)), movement, stageId, page);
    }

    /** The open deals at the end of {@code to} with a flag (or with {@code only}), and how many carry each. */
    public record FlagReport(Map<FlaggedDeal.Flag, Long> counts, int quietDays, PageResult<FlaggedDeal> deals) {
    }

    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public FlagReport flags(ReportFilter filter, LocalDate from, LocalDate to, Integer quietDays,
                            FlaggedDeal.Flag only, PageRequest page) {
        checkDates(from, to);
        int quiet = quietDays == null ? DEFAULT_QUIET_DAYS : quietDays;
        Checks.start().rule(quiet >= 1 && quiet <= 3650, "quietDays", "validation.history.quiet-days").orThrow();
        ReportScope.Scope scope = scopes.of(filter);
        derived.drain();
        var flags = history.flags(scope.selection(), window(filter), justBefore(endOf(from)), justBefore(endOf(to)),
                quiet, only, page);
        return new FlagReport(flags.counts(), quiet, flags.deals());
    }

    private record StageRef(Stage stage, boolean removed) {
    }

    /** The pipeline's stages in order, then the removed ones that the figures name. */
    private List<StageRef> stages(ReportScope.Scope scope, java.util.Set<Long> named) {
        List<StageRef> stages = new ArrayList<>();
        java.util.Set<Long> current = new java.util.HashSet<>();
        for (Stage stage : scope.pipeline().stages()) {
            stages.add(new StageRef(stage, false));
            current.add(stage.id());
        }
        pipelines.stagesEver(scope.pipeline().id()).values().stream()
                .filter(s -> !current.contains(s.id()) && named.contains(s.id()))
                .sorted(Comparator.comparingInt(Stage::position).thenComparingLong(Stage::id))
                .forEach(s -> stages.add(new StageRef(s, true)));
        return stages;
    }

    private static Bar bar(Movement movement, MovementRow row) {
        return new Bar(movement, row.deals(), money(row.amount()));
    }

    private static Figure figure(MovementRow row) {
        return row == null ? new Figure(0, money(BigDecimal.ZERO)) : new Figure(row.deals(), money(row.amount()));
    }

    private static BigDecimal money(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(ReportService.MONEY_SCALE,
                java.math.RoundingMode.HALF_UP);
    }

    private static CloseWindow window(ReportFilter filter) {
        return new CloseWindow(filter.from(), filter.to());
    }

    /** The end of a day in the company's time zone: the first instant of the next. */
    private Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    /** The last instant the database can tell before it (timestamps have microseconds). */
    private static Instant justBefore(Instant moment) {
        return moment.minusNanos(1_000);
    }

    private void checkPast(String field, LocalDate date) {
        Checks.start().rule(date != null, field, "validation.required")
                .rule(date == null || !date.isAfter(LocalDate.now(clock)), field, "validation.history.future")
                .orThrow();
    }

    private void checkDates(LocalDate from, LocalDate to) {
        checkPast("from", from);
        checkPast("to", to);
        Checks.start().rule(!from.isAfter(to), "from", "validation.history.order").orThrow();
    }
}
