package dev.funnel.review.internal;

import dev.funnel.analytics.ConversionReport;
import dev.funnel.analytics.FlaggedDeal;
import dev.funnel.analytics.GroupBy;
import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.PipelineAsOfReport;
import dev.funnel.analytics.PipelineHistoryService;
import dev.funnel.analytics.PipelineMovement;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.analytics.TargetProgress;
import dev.funnel.analytics.TargetService;
import dev.funnel.analytics.WinRateReport;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.review.ReviewAgenda;
import dev.funnel.review.ReviewAgenda.DecisionLine;
import dev.funnel.review.ReviewAgenda.Figures;
import dev.funnel.review.ReviewPeriod;
import dev.funnel.platform.PageRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Computes a review's agenda from the analytics, over the deals of the review's team and pipeline that the caller
 * may see (docs/reviews.md, "The agenda").
 */
@Component
public class AgendaBuilder {

    /** The flagged deals an agenda lists, largest first; the count says how many there are in all. */
    static final int FLAGGED_SHOWN = 30;

    private final PipelineHistoryService history;
    private final ReportService reports;
    private final TargetService targets;
    private final UserService users;
    private final Clock clock;

    AgendaBuilder(PipelineHistoryService history, ReportService reports, TargetService targets, UserService users,
                  Clock clock) {
        this.history = history;
        this.reports = reports;
        this.targets = targets;
        this.users = users;
        this.clock = clock;
    }

    /** What a review asks for: its team and pipeline, its period, and the last review before it. */
    public record Request(long teamId, long pipelineId, ReviewPeriod period, LocalDate start, LocalDate end,
                          Long previousReviewId, LocalDate previousAsOf, Figures previousFigures,
                          List<DecisionLine> previousDecisions) {
    }

    public ReviewAgenda build(Request request) {
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = request.end().isAfter(today) ? today : request.end();
        LocalDate dayBefore = request.start().minusDays(1);
        LocalDate previousStart = request.period().previous(request.start());
        // while the period runs, it is compared with as many days of the period before, not the whole of it
        LocalDate previousEnd = min(previousStart.plusDays(ChronoUnit.DAYS.between(request.start(), asOf)),
                dayBefore);
        ReportFilter team = new ReportFilter(null, null, request.pipelineId(), request.teamId(), null, null, null,
                null);

        PipelineAsOfReport open = history.asOf(team, asOf);
        PipelineAsOfReport openBefore = history.asOf(team, previousEnd);
        WinRateReport closed = reports.winRates(team.withPeriod(request.start(), asOf), GroupBy.OWNER,
                Locale.ENGLISH);
        WinRateReport closedBefore = reports.winRates(team.withPeriod(previousStart, previousEnd), GroupBy.OWNER,
                Locale.ENGLISH);
        Figures current = figures(open, closed.total());
        Figures previousPeriod = figures(openBefore, closedBefore.total());

        ConversionReport conversion = reports.conversion(team.withPeriod(request.start(), asOf));
        ConversionReport conversionBefore = reports.conversion(team.withPeriod(previousStart, previousEnd));
        Map<Long, ConversionReport.StageConversion> earlier = new HashMap<>();
        conversionBefore.stages().forEach(s -> earlier.put(s.stageId(), s));
        Map<Long, ConversionReport.StageConversion> now = new HashMap<>();
        conversion.stages().forEach(s -> now.put(s.stageId(), s));
        List<ReviewAgenda.StageLine> stages = new ArrayList<>();
        Map<Long, PipelineAsOfReport.StageLine> stageNames = new HashMap<>();
        for (PipelineAsOfReport.StageLine line : open.stages()) {
            stageNames.put(line.stageId(), line);
            ConversionReport.StageConversion c = now.get(line.stageId());
            ConversionReport.StageConversion e = earlier.get(line.stageId());
            stages.add(new ReviewAgenda.StageLine(line.stageId(), line.nameEn(), line.nameZh(), line.deals(),
                    line.amount(), c == null ? 0 : c.entered(), c == null ? null : c.conversion().orElse(null),
                    e == null ? 0 : e.entered(), e == null ? null : e.conversion().orElse(null)));
        }
        ReviewAgenda.Bottleneck bottleneck = conversion.bottleneck()
                .map(b -> new ReviewAgenda.Bottleneck(b.stageId(), b.nameEn(), b.nameZh(), b.conversion(),
                        b.earlierConversion().orElse(null)))
                .orElse(null);

        LocalDate movementFrom = request.previousAsOf() != null && request.previousAsOf().isBefore(asOf)
                ? request.previousAsOf() : (dayBefore.isBefore(asOf) ? dayBefore : asOf.minusDays(1));
        PipelineMovement moved = history.movement(team, movementFrom, asOf);
        ReviewAgenda.Movement movement = new ReviewAgenda.Movement(moved.start().deals(), moved.start().amount(),
                moved.bars().stream().map(b -> new ReviewAgenda.Bar(b.movement().name(), b.deals(), b.amount()))
                        .toList(),
                moved.end().deals(), moved.end().amount(), moved.createdAndClosed());

        PipelineHistoryService.FlagReport flags = history.flags(team, movementFrom, asOf, null, null,
                PageRequest.of(0, FLAGGED_SHOWN));
        List<ReviewAgenda.FlagLine> flagged = flags.deals().items().stream().map(d -> {
            PipelineAsOfReport.StageLine stage = stageNames.get(d.stageId());
            return new ReviewAgenda.FlagLine(d.id(), d.name(), d.ownerName(), stage == null ? null : stage.nameEn(),
                    stage == null ? null : stage.nameZh(), d.amount(), d.expectedClose(),
                    d.flags().stream().sorted().map(FlaggedDeal.Flag::name).toList(), d.closePushes(),
                    d.daysInStage(), d.daysWithoutFollowUp());
        }).toList();

        LocalDate month = PeriodKind.MONTH.start(asOf);
        return new ReviewAgenda(clock.instant(), asOf, open.currency(), current, previousPeriod, previousEnd,
                stages, bottleneck, movementFrom, movement, flagged, flags.deals().total(), month,
                reps(request.teamId(), month, open.currency(), closed), request.previousReviewId(),
                request.previousAsOf(), request.previousFigures(), request.previousDecisions());
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static Figures figures(PipelineAsOfReport open, WinRateReport.Group closed) {
        return new Figures(open.deals(), open.amount(), open.weighted(), closed.won(), closed.wonAmount(),
                closed.lost(), closed.lostAmount());
    }

    /**
     * Each person of the team's tree: their target of the month in the company currency with what is won and open
     * against it, and what they won and lost in the period.
     */
    private List<ReviewAgenda.RepLine> reps(long teamId, LocalDate month, String currency, WinRateReport closed) {
        Set<Long> members = users.teamTreeMembers(teamId);
        Map<Long, TargetProgress> progress = new HashMap<>();
        for (TargetProgress p : targets.progress(PeriodKind.MONTH, month)) {
            Long owner = p.target().ownerId();
            if (owner != null && members.contains(owner) && p.target().currency().equals(currency)) {
                progress.put(owner, p);
            }
        }
        Map<String, WinRateReport.Group> byOwner = new HashMap<>();
        closed.groups().forEach(g -> byOwner.put(g.key(), g));
        List<ReviewAgenda.RepLine> lines = new ArrayList<>();
        for (UserSummary user : users.assignableOwners()) {
            if (!members.contains(user.id())) {
                continue;
            }
            TargetProgress p = progress.get(user.id());
            WinRateReport.Group g = byOwner.get(Long.toString(user.id()));
            // a manager without a target or a closed deal of their own is not one of the people reviewed
            if (p == null && g == null && (!user.enabled() || !user.roles().contains(Role.SALES_REP))) {
                continue;
            }
            lines.add(new ReviewAgenda.RepLine(user.id(), user.fullName(),
                    p == null ? null : p.target().amount(), p == null ? null : p.won(),
                    p == null ? null : p.commit(), p == null ? null : p.bestCase(), p == null ? null : p.gap(),
                    g == null ? 0 : g.won(), g == null ? BigDecimal.ZERO : g.wonAmount(), g == null ? 0 : g.lost()));
        }
        lines.sort(Comparator.comparing(ReviewAgenda.RepLine::name));
        return lines;
    }
}
