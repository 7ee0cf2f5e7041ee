package dev.funnel.analytics;

import dev.funnel.analytics.internal.ConversionSummary;
import dev.funnel.analytics.internal.ReportRepository;
import dev.funnel.analytics.internal.WonAmountRange;
import dev.funnel.analytics.internal.ReportRepository.CountAndAmount;
import dev.funnel.analytics.internal.ReportRepository.CycleFigures;
import dev.funnel.analytics.internal.ReportRepository.Outcomes;
import dev.funnel.analytics.internal.ReportRepository.Selection;
import dev.funnel.analytics.internal.SnapshotRepository;
import dev.funnel.currency.CurrencyService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.plugin.api.ForecastCategory;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funnel reports, as docs/metrics.md defines them, over the deals the caller may see. Rates carry four
 * decimal places (0.6316 = 63.16 %), amounts two, days two; everything else is exact.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class ReportService {

    static final int RATE_SCALE = 4;
    static final int MONEY_SCALE = 2;
    static final int DAYS_SCALE = 2;
    /** A bottleneck needs this many entries in the period and before it, so that one deal cannot make one. */
    static final int BOTTLENECK_MIN_ENTRIES = 5;
    static final int BOTTLENECK_EARLIER_PERIODS = 4;

    private final ReportRepository reports;
    private final ConversionSummary summary;
    private final SnapshotRepository snapshots;
    private final ChoiceService choices;
    private final UserService users;
    private final Clock clock;
    private final CurrencyService currencies;
    private final int lookBackMonths;
    private final ReportScope scopes;

    ReportService(ReportScope scopes, ReportRepository reports, ConversionSummary summary, SnapshotRepository snapshots,
                  ChoiceService choices, UserService users,
                  Clock clock, CurrencyService currencies,
                  @Value("${funnel.forecast.look-back-months:12}") int lookBackMonths) {
        this.scopes = scopes;
        this.reports = reports;
        this.summary = summary;
        this.snapshots = snapshots;
        this.choices = choices;
        this.users = users;
        this.clock = clock;
        this.currencies = currencies;
        this.lookBackMonths = lookBackMonths;
    }

    /**
     * The currency reports use when the filter names none: every deal, converted into it. Naming it in the filter
     * means the same; naming another currency narrows a report to the deals in that currency, as entered.
     */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public String companyCurrency() {
        return currencies.companyCurrency();
    }

    /**
     * Currencies that deals are in but that have no exchange rate: their deals are counted in converted reports
     * but not in their amounts, until an administrator enters a rate.
     */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public java.util.Set<String> currenciesWithoutRate() {
        return currencies.currenciesWithoutRate();
    }

    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public FunnelReport funnel(ReportFilter filter) {
        ReportScope.Scope scope = scope(filter);
        // how far deals got is derived with the conversion entries, queued after bulk writes
        summary.drain();
        Map<Integer, CountAndAmount> levels = reports.funnelLevels(scope.selection(), filter.from(), filter.to());
        List<FunnelReport.Level> stages = new ArrayList<>();
        for (Stage stage : scope.pipeline().stages()) {
            CountAndAmount reached = atOrAbove(levels, stage.position());
            stages.add(new FunnelReport.Level(stage.id(), stage.position(), stage.nameEn(), stage.nameZh(),
                    reached.count(), reached.amount()));
        }
        CountAndAmount won = atOrAbove(levels, ReportRepository.wonLevel());
        long created = levels.values().stream().mapToLong(CountAndAmount::count).sum();
        return new FunnelReport(scope.pipeline().id(), scope.currency(), created, stages,
                new FunnelReport.Level(null, scope.pipeline().stages().size() + 1, "Won", "赢单", won.count(),
                        won.amount()));
    }

    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public ConversionReport conversion(ReportFilter filter) {
        ReportScope.Scope scope = scope(filter);
        summary.drain();
        List<ConversionReport.StageConversion> stages = conversions(scope, filter.from(), filter.to());
        Optional<ConversionReport.Bottleneck> bottleneck = Optional.empty();
        if (filter.from() != null && filter.to() != null) {
            long days = ChronoUnit.DAYS.between(filter.from(), filter.to()) + 1;
            LocalDate earlierTo = filter.from().minusDays(1);
            LocalDate earlierFrom = filter.from().minusDays(days * BOTTLENECK_EARLIER_PERIODS);
            bottleneck = bottleneck(stages, conversions(scope, earlierFrom, earlierTo));
        }
        return new ConversionReport(scope.pipeline().id(), scope.currency(), stages, bottleneck);
    }

    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public TimeInStageReport timeInStage(ReportFilter filter) {
        ReportScope.Scope scope = scope(filter);
        var stays = reports.stays(scope.selection(), filter.from(), filter.to());
        List<TimeInStageReport.StageTime> stages = scope.pipeline().stages().stream().map(stage -> {
            var s = stays.getOrDefault(stage.id(), new ReportRepository.StageStays(0, null, null, 0));
            return new TimeInStageReport.StageTime(stage.id(), stage.position(), stage.nameEn(), stage.nameZh(),
                    s.stays(), days(s.meanDays()), days(s.medianDays()), s.current());
        }).toList();
        return new TimeInStageReport(scope.pipeline().id(), stages);
    }

    /** Win rates per group; labels of lead sources are in the given language. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public WinRateReport winRates(ReportFilter filter, GroupBy groupBy, Locale locale) {
        ReportScope.Scope scope = scope(filter);
        var table = reports.outcomesWithTotal(scope.selection(), filter.from(), filter.to(), groupBy);
        Function<Outcomes, String> label = labeller(groupBy, locale);
        List<WinRateReport.Group> groups = table.groups().stream()
                .map(r -> group(r.key(), label.apply(r), r.won(), r.lost(), r.wonAmount(), r.lostAmount()))
                .sorted(groupBy == GroupBy.MONTH ? Comparator.comparing(g -> g.key() == null ? "" : g.key())
                        : Comparator.comparing(WinRateReport.Group::wonAmount).reversed()
                        .thenComparing(g -> g.label() == null ? "" : g.label()))
                .toList();
        Outcomes all = table.total();
        return new WinRateReport(groupBy, scope.currency(), groups,
                group(null, null, all.won(), all.lost(), all.wonAmount(), all.lostAmount()));
    }

    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public CycleReport cycle(ReportFilter filter) {
        ReportScope.Scope scope = scope(filter);
        CycleFigures won = reports.cycle(scope.selection(), filter.from(), filter.to(), "WON");
        CycleFigures lost = reports.cycle(scope.selection(), filter.from(), filter.to(), "LOST");
        long open = reports.openDeals(scope.selection());
        Outcomes total = reports.outcomesWithTotal(scope.selection(), filter.from(), filter.to(), GroupBy.MONTH)
                .total();
        Optional<BigDecimal> velocity = Optional.empty();
        if (total.won() > 0 && won.medianDays() != null && won.medianDays().signum() > 0) {
            // open x (won / closed) x (won amount / won) / cycle, from the exact factors, rounded once at the end
            BigDecimal closed = BigDecimal.valueOf(total.won() + total.lost());
            velocity = Optional.of(BigDecimal.valueOf(open).multiply(total.wonAmount())
                    .divide(closed.multiply(won.medianDays()), MONEY_SCALE, RoundingMode.HALF_UP));
        }
        return new CycleReport(scope.currency(), cycle(won), cycle(lost), open, velocity);
    }

    /**
     * The forecast of the filter's period (the current quarter when it names none): closed won plus the open deals
     * expected to close in it, weighted, by category; beside each stage's probability the one history shows over
     * the look-back window before the period.
     */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public ForecastReport forecast(ReportFilter filter) {
        // how far closed deals got is derived with the conversion entries, queued after bulk writes
        summary.drain();
        LocalDate today = LocalDate.now(clock);
        LocalDate quarterStart = today.with(java.time.temporal.IsoFields.DAY_OF_QUARTER, 1);
        LocalDate from = filter.from() != null ? filter.from() : quarterStart;
        LocalDate to = filter.to() != null ? filter.to() : quarterStart.plusMonths(3).minusDays(1);
        ReportFilter period = filter.withPeriod(from, to);
        ReportScope.Scope scope = scope(period);
        Outcomes closed = reports.outcomesWithTotal(scope.selection(), from, to, GroupBy.MONTH).total();
        var open = reports.openByCategory(scope.selection(), from, to, today);
        List<ForecastReport.Category> categories = new ArrayList<>();
        BigDecimal forecast = closed.wonAmount();
        for (ForecastCategory category : List.of(ForecastCategory.COMMIT, ForecastCategory.BEST_CASE,
                ForecastCategory.PIPELINE)) {
            var figures = open.getOrDefault(category.name(),
                    new ReportRepository.Weighted(0, BigDecimal.ZERO, BigDecimal.ZERO));
            BigDecimal weighted = figures.weighted().setScale(MONEY_SCALE, RoundingMode.HALF_UP);
            categories.add(new ForecastReport.Category(category, figures.deals(), figures.amount(), weighted));
            forecast = forecast.add(weighted);
        }
        LocalDate lookBackTo = from.minusDays(1);
        LocalDate lookBackFrom = from.minusMonths(lookBackMonths);
        Map<Integer, long[]> levels = reports.closedLevels(scope.selection(), lookBackFrom, lookBackTo);
        List<ForecastReport.StageProbability> stages = scope.pipeline().stages().stream().map(stage -> {
            long reached = 0;
            long won = 0;
            for (var level : levels.entrySet()) {
                if (level.getKey() != null && level.getKey() >= stage.position()) {
                    reached += level.getValue()[0];
                    won += level.getValue()[1];
                }
            }
            return new ForecastReport.StageProbability(stage.id(), stage.position(), stage.nameEn(), stage.nameZh(),
                    stage.probability(), rate(won, reached), reached, won);
        }).toList();
        return new ForecastReport(scope.currency(), from, to, closed.won(), closed.wonAmount(),
                categories, forecast, stages, lookBackFrom, lookBackTo,
                modelForecast(scope.selection(), from, to, today, closed.wonAmount()));
    }

    /**
     * Null when no deal carries a win probability: without a primary scorer there is no model to show. The range
     * is counted deal by deal when the deals are few enough, else approximated from the sums (docs/scoring.md).
     */
    private ForecastReport.ModelForecast modelForecast(Selection selection, LocalDate from, LocalDate to,
                                                      LocalDate today, BigDecimal closedWon) {
        ReportRepository.ModelTotals totals = reports.modelTotals(selection, from, to, today);
        if (totals.scored() == 0) {
            return null;
        }
        BigDecimal won = closedWon.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal weighted = totals.weighted().setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal[] range = null;
        WonAmountRange.Method method = WonAmountRange.Method.NORMAL;
        // counted in cents: only when every deal won together still fits in a long
        boolean countable = totals.amount().movePointRight(MONEY_SCALE)
                .compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0;
        if (totals.deals() <= WonAmountRange.SIMULATED_UP_TO && countable) {
            List<WonAmountRange.Deal> deals = new ArrayList<>();
            for (ReportRepository.OpenDeal deal : reports.openDeals(selection, from, to, today)) {
                BigDecimal probability = deal.winProbability() != null ? deal.winProbability()
                        : BigDecimal.valueOf(deal.stageProbability(), 2);
                deals.add(new WonAmountRange.Deal(deal.amount().setScale(MONEY_SCALE, RoundingMode.HALF_UP)
                        .unscaledValue().longValueExact(), probability.doubleValue()));
            }
            WonAmountRange.Range counted = WonAmountRange.of(deals);
            range = new BigDecimal[] {BigDecimal.valueOf(counted.p10(), MONEY_SCALE),
                BigDecimal.valueOf(counted.p50(), MONEY_SCALE), BigDecimal.valueOf(counted.p90(), MONEY_SCALE)};
            method = counted.method();
        }
        if (range == null) {
            range = WonAmountRange.normal(totals.weighted(), totals.variance(), totals.amount());
        }
        return new ForecastReport.ModelForecast(totals.deals(), totals.deals() - totals.scored(), weighted,
                won.add(weighted), won.add(range[0]), won.add(range[1]), won.add(range[2]),
                method.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Per rep the caller sees, how close the forecast came for a period: the first weekly snapshot taken in it
     * against what the rep won in it, in every pipeline.
     */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public List<ForecastAccuracy> forecastAccuracy(PeriodKind kind, LocalDate periodStart, String currency) {
        VisibleScope scope = users.visibleScope();
        LocalDate start = kind.start(periodStart);
        String company = currencies.companyCurrency();
        String inCurrency = currency == null ? company : currency.toUpperCase(Locale.ROOT);
        String narrowedTo = inCurrency.equals(company) ? null : inCurrency;
        Map<String, BigDecimal> wonByOwner = reports.outcomes(
                        Selection.allPipelines(narrowedTo, scope, null, clock.getZone()), start, kind.end(start),
                        GroupBy.OWNER).stream()
                .collect(Collectors.toMap(Outcomes::key, Outcomes::wonAmount));
        return snapshots.firstInPeriod(kind, start, inCurrency, scope).stream().map(first -> {
            BigDecimal actual = wonByOwner.getOrDefault(String.valueOf(first.ownerId()), BigDecimal.ZERO);
            Optional<BigDecimal> model = Optional.ofNullable(first.modelForecast());
            return new ForecastAccuracy(first.ownerId(), first.ownerName(), first.takenOn(), first.forecast(), actual,
                    accuracy(first.forecast(), actual), model, model.flatMap(m -> accuracy(m, actual)));
        }).toList();
    }

    /** 1 − |forecast − actual| ÷ actual, not below zero; empty when nothing was won. */
    private static Optional<BigDecimal> accuracy(BigDecimal forecast, BigDecimal actual) {
        return actual.signum() == 0 ? Optional.empty()
                : Optional.of(BigDecimal.ONE.subtract(forecast.subtract(actual).abs()
                        .divide(actual, RATE_SCALE, RoundingMode.HALF_UP)).max(BigDecimal.ZERO));
    }

    /** The deals behind a figure of a report with these filters (a chart's bar, a leaderboard's row). */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public PageResult<DealRow> dealsBehind(ReportFilter filter, DrillDown drill, PageRequest page) {
        ReportScope.Scope scope = scope(filter);
        if (drill.kind() != DrillDown.Kind.CLOSED) {
            // how far deals got and the conversion entries are both derived through the queue after bulk writes
            summary.drain();
        }
        Checks.start()
                .rule(drill.stageId() == null || scope.pipeline().stages().stream()
                        .anyMatch(s -> s.id() == drill.stageId()), "stageId", "validation.stage.other-pipeline")
                .orThrow();
        if (drill.groupBy() != null && drill.groupBy() != GroupBy.SOURCE && drill.groupBy() != GroupBy.TEAM
                && drill.groupKey() == null) {
            throw dev.funnel.platform.InvalidInputException.of("groupKey", "validation.required");
        }
        return reports.dealsBehind(scope.selection(), filter.from(), filter.to(), drill, page);
    }

    private static CycleReport.Cycle cycle(CycleFigures figures) {
        return new CycleReport.Cycle(figures.deals(), days(figures.medianDays()), days(figures.meanDays()));
    }

    private List<ConversionReport.StageConversion> conversions(ReportScope.Scope scope, LocalDate from, LocalDate to) {
        var byStage = reports.conversion(scope.selection(), from, to);
        return scope.pipeline().stages().stream().map(stage -> {
            var c = byStage.getOrDefault(stage.id(), new ReportRepository.Conversion(0, 0, 0, 0, BigDecimal.ZERO));
            return new ConversionReport.StageConversion(stage.id(), stage.position(), stage.nameEn(),
                    stage.nameZh(), c.entered(), c.advanced(), c.stillOpen(), c.lost(), c.lostAmount(),
                    rate(c.advanced(), c.entered()));
        }).toList();
    }

    private static Optional<ConversionReport.Bottleneck> bottleneck(List<ConversionReport.StageConversion> now,
                                                                    List<ConversionReport.StageConversion> before) {
        ConversionReport.Bottleneck worst = null;
        BigDecimal worstDrop = BigDecimal.ZERO;
        boolean compared = false;
        for (int i = 0; i < now.size(); i++) {
            var current = now.get(i);
            var earlier = before.get(i);
            if (current.entered() < BOTTLENECK_MIN_ENTRIES || earlier.entered() < BOTTLENECK_MIN_ENTRIES) {
                continue;
            }
            compared = true;
            // compare exact fractions, not the rounded rates
            BigDecimal drop = BigDecimal.valueOf(earlier.advanced())
                    .divide(BigDecimal.valueOf(earlier.entered()), 12, RoundingMode.HALF_UP)
                    .subtract(BigDecimal.valueOf(current.advanced())
                            .divide(BigDecimal.valueOf(current.entered()), 12, RoundingMode.HALF_UP));
            if (drop.compareTo(worstDrop) > 0) {
                worstDrop = drop;
                worst = new ConversionReport.Bottleneck(current.stageId(), current.nameEn(), current.nameZh(),
                        current.conversion().orElseThrow(), current.entered(), earlier.conversion(),
                        earlier.entered());
            }
        }
        return compared ? Optional.ofNullable(worst) : lowest(now);
    }

    /**
     * Without enough history to compare with (a young installation, a long period), the stage that converts
     * least of those with enough entries: still the place to look first.
     */
    private static Optional<ConversionReport.Bottleneck> lowest(List<ConversionReport.StageConversion> now) {
        return now.stream()
                .filter(s -> s.entered() >= BOTTLENECK_MIN_ENTRIES && s.conversion().isPresent())
                .min(java.util.Comparator.comparing((ConversionReport.StageConversion s) -> BigDecimal
                        .valueOf(s.advanced()).divide(BigDecimal.valueOf(s.entered()), 12, RoundingMode.HALF_UP)))
                .map(s -> new ConversionReport.Bottleneck(s.stageId(), s.nameEn(), s.nameZh(),
                        s.conversion().orElseThrow(), s.entered(), Optional.empty(), 0));
    }

    private Function<Outcomes, String> labeller(GroupBy groupBy, Locale locale) {
        if (groupBy != GroupBy.SOURCE) {
            return Outcomes::label;
        }
        Map<String, Choice> sources = choices.leadSources().stream()
                .collect(Collectors.toMap(Choice::code, c -> c, (a, b) -> a));
        return r -> {
            Choice choice = r.key() == null ? null : sources.get(r.key());
            return choice == null ? r.key() : choice.label(locale);
        };
    }

    private static WinRateReport.Group group(String key, String label, long won, long lost, BigDecimal wonAmount,
                                             BigDecimal lostAmount) {
        Optional<BigDecimal> byAmount = wonAmount.add(lostAmount).signum() == 0 ? Optional.empty()
                : Optional.of(wonAmount.divide(wonAmount.add(lostAmount), RATE_SCALE, RoundingMode.HALF_UP));
        Optional<BigDecimal> average = won == 0 ? Optional.empty()
                : Optional.of(wonAmount.divide(BigDecimal.valueOf(won), MONEY_SCALE, RoundingMode.HALF_UP));
        return new WinRateReport.Group(key, label, won, lost, wonAmount, lostAmount, rate(won, won + lost), byAmount,
                average);
    }

    private static Optional<BigDecimal> rate(long part, long whole) {
        return whole == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(part)
                .divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP));
    }

    private static Optional<BigDecimal> days(BigDecimal value) {
        return Optional.ofNullable(value).map(v -> v.setScale(DAYS_SCALE, RoundingMode.HALF_UP));
    }

    private static CountAndAmount atOrAbove(Map<Integer, CountAndAmount> levels, int position) {
        long count = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (var level : levels.entrySet()) {
            if (level.getKey() != null && level.getKey() >= position) {
                count += level.getValue().count();
                amount = amount.add(level.getValue().amount() == null ? BigDecimal.ZERO : level.getValue().amount());
            }
        }
        return new CountAndAmount(count, amount);
    }

    private ReportScope.Scope scope(ReportFilter filter) {
        return scopes.of(filter);
    }
}
