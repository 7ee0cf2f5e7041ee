package dev.funnel.analytics;

import dev.funnel.analytics.CycleChangeReport.GroupContribution;
import dev.funnel.analytics.CycleChangeReport.Period;
import dev.funnel.analytics.CycleChangeReport.StageContribution;
import dev.funnel.analytics.internal.CycleChangeRepository;
import dev.funnel.analytics.internal.CycleChangeRepository.WonDeal;
import dev.funnel.identity.Role;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.Checks;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Why the sales cycle changed between two periods (docs/metrics.md, "Why the cycle changed"): the drill-down the
 * method describes — which stage's time grew, which reps, products and lead sources made the difference.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class CycleChangeService {

    private static final int DAYS_SCALE = 2;
    private static final int EXACT = 12;

    private final ReportScope scopes;
    private final CycleChangeRepository deals;
    private final ReportService reports;
    private final PipelineHistoryService history;
    private final ChoiceService choices;
    private final PipelineService pipelines;
    private final Clock clock;

    CycleChangeService(ReportScope scopes, CycleChangeRepository deals, ReportService reports,
                       PipelineHistoryService history, ChoiceService choices, PipelineService pipelines,
                       Clock clock) {
        this.pipelines = pipelines;
        this.scopes = scopes;
        this.deals = deals;
        this.reports = reports;
        this.history = history;
        this.choices = choices;
        this.clock = clock;
    }

    /**
     * The first period {@code from1..to1} against the second {@code from2..to2}, over the filter's selection (its
     * own period is ignored); lead sources are labelled in the given language.
     */
    public CycleChangeReport compare(ReportFilter filter, LocalDate from1, LocalDate to1, LocalDate from2,
                                     LocalDate to2, Locale locale) {
        LocalDate today = LocalDate.now(clock);
        Checks.start()
                .required("from1", from1).required("to1", to1).required("from2", from2).required("to2", to2)
                .orThrow();
        Checks.start()
                .rule(!from1.isAfter(to1), "to1", "validation.report.period")
                .rule(!from2.isAfter(to2), "to2", "validation.report.period")
                .rule(!from1.isAfter(today), "from1", "validation.history.future")
                .rule(!from2.isAfter(today), "from2", "validation.history.future")
                .orThrow();
        ReportFilter selection = filter.withPeriod(null, null);
        ReportScope.Scope scope = scopes.of(selection);
        List<WonDeal> first = deals.wonDeals(scope.selection(), from1, to1);
        List<WonDeal> second = deals.wonDeals(scope.selection(), from2, to2);
        Period p1 = period(selection, from1, min(to1, today), to1, first);
        Period p2 = period(selection, from2, min(to2, today), to2, second);

        List<StageContribution> stages = new ArrayList<>();
        BigDecimal stageSum = BigDecimal.ZERO;
        Map<Long, Stage> known = new HashMap<>();
        scope.pipeline().stages().forEach(s -> known.put(s.id(), s));
        Set<Long> stageIds = new TreeSet<>(Comparator.comparing((Long id) -> known.containsKey(id)
                ? known.get(id).position() : Integer.MAX_VALUE).thenComparing(id -> id));
        known.keySet().forEach(stageIds::add);
        first.forEach(d -> stageIds.addAll(d.stageDays().keySet()));
        second.forEach(d -> stageIds.addAll(d.stageDays().keySet()));
        // a stage removed since is named from the stages the pipeline ever had
        Map<Long, Stage> anyStage = new HashMap<>(pipelines.stagesEver(scope.pipeline().id()));
        anyStage.putAll(known);
        for (Long id : stageIds) {
            BigDecimal days1 = meanOver(first, d -> d.stageDays().getOrDefault(id, 0));
            BigDecimal days2 = meanOver(second, d -> d.stageDays().getOrDefault(id, 0));
            Stage stage = anyStage.get(id);
            BigDecimal contribution = first.isEmpty() || second.isEmpty() ? null : days2.subtract(days1);
            if (contribution != null) {
                stageSum = stageSum.add(contribution);
            }
            stages.add(new StageContribution(id, stage == null ? 0 : stage.position(),
                    stage == null ? "" : stage.nameEn(), stage == null ? "" : stage.nameZh(), !known.containsKey(id),
                    first.stream().filter(d -> d.stageDays().containsKey(id)).count(), round(days1),
                    second.stream().filter(d -> d.stageDays().containsKey(id)).count(), round(days2),
                    round(contribution)));
        }
        BigDecimal meanDifference = first.isEmpty() || second.isEmpty() ? null
                : meanOver(second, WonDeal::cycleDays).subtract(meanOver(first, WonDeal::cycleDays));
        BigDecimal other = meanDifference == null ? null : meanDifference.subtract(stageSum);
        BigDecimal medianDifference = p1.medianDays() == null || p2.medianDays() == null ? null
                : p2.medianDays().subtract(p1.medianDays());

        Map<String, Choice> sources = choices.leadSources().stream()
                .collect(Collectors.toMap(Choice::code, c -> c, (a, b) -> a));
        return new CycleChangeReport(scope.currency(), p1, p2, round(meanDifference), medianDifference, stages,
                round(other),
                groups(first, second, d -> Long.toString(d.ownerId()), WonDeal::ownerName),
                groups(first, second, d -> d.productId() == null ? null : Long.toString(d.productId()),
                        WonDeal::productName),
                groups(first, second, WonDeal::source, d -> {
                    Choice choice = d.source() == null ? null : sources.get(d.source());
                    return choice == null ? d.source() : choice.label(locale);
                }));
    }

    /**
     * Each group's share of the difference of the mean cycle: with w its share of a period's won deals and m their
     * mean cycle, the mean is Σ w·m, so the group contributes w₂m₂ − w₁m₁ = mix + rate, where mix = (w₂ − w₁)·m̄
     * and rate = w̄·(m₂ − m₁) with the two periods' averages w̄, m̄ (a group missing from a period takes the other
     * period's mean as m̄ and has no rate part).
     */
    private static List<GroupContribution> groups(List<WonDeal> first, List<WonDeal> second,
                                                  Function<WonDeal, String> key, Function<WonDeal, String> label) {
        Map<String, List<WonDeal>> byKey1 = group(first, key);
        Map<String, List<WonDeal>> byKey2 = group(second, key);
        Map<String, String> labels = new HashMap<>();
        first.forEach(d -> labels.putIfAbsent(nullKey(key.apply(d)), label.apply(d)));
        second.forEach(d -> labels.put(nullKey(key.apply(d)), label.apply(d)));
        List<GroupContribution> out = new ArrayList<>();
        for (String k : labels.keySet()) {
            List<WonDeal> g1 = byKey1.getOrDefault(k, List.of());
            List<WonDeal> g2 = byKey2.getOrDefault(k, List.of());
            BigDecimal w1 = share(g1.size(), first.size());
            BigDecimal w2 = share(g2.size(), second.size());
            BigDecimal m1 = g1.isEmpty() ? null : meanOver(g1, WonDeal::cycleDays);
            BigDecimal m2 = g2.isEmpty() ? null : meanOver(g2, WonDeal::cycleDays);
            BigDecimal mix = null;
            BigDecimal rate = null;
            BigDecimal contribution = null;
            if (!first.isEmpty() && !second.isEmpty()) {
                BigDecimal meanBoth = m1 == null ? m2 : m2 == null ? m1 : m1.add(m2).divide(BigDecimal.valueOf(2), EXACT,
                        RoundingMode.HALF_UP);
                mix = w2.subtract(w1).multiply(meanBoth);
                rate = m1 == null || m2 == null ? BigDecimal.ZERO
                        : w1.add(w2).divide(BigDecimal.valueOf(2), EXACT, RoundingMode.HALF_UP).multiply(m2.subtract(m1));
                contribution = mix.add(rate);
            }
            out.add(new GroupContribution(k.isEmpty() ? null : k, labels.get(k), g1.size(), round(m1), g2.size(),
                    round(m2), round(mix), round(rate), round(contribution)));
        }
        out.sort(Comparator.comparing((GroupContribution g) -> g.contributionDays() == null ? BigDecimal.ZERO
                : g.contributionDays().abs()).reversed().thenComparing(g -> g.label() == null ? "" : g.label()));
        return out;
    }

    private Period period(ReportFilter selection, LocalDate from, LocalDate asOf, LocalDate to,
                          List<WonDeal> won) {
        WinRateReport.Group total = reports.winRates(selection.withPeriod(from, to), GroupBy.MONTH, Locale.ENGLISH)
                .total();
        BigDecimal median = median(won.stream().map(WonDeal::cycleDays).sorted().toList());
        BigDecimal mean = won.isEmpty() ? null : round(meanOver(won, WonDeal::cycleDays));
        long openAtEnd = history.asOf(selection, asOf).deals();
        BigDecimal winRate = total.winRate().orElse(null);
        BigDecimal average = total.averageWonAmount().orElse(null);
        BigDecimal velocity = null;
        if (total.won() > 0 && median != null && median.signum() > 0) {
            // open × (won ÷ closed) × (won amount ÷ won) ÷ median cycle, from the exact factors, rounded once
            velocity = BigDecimal.valueOf(openAtEnd).multiply(total.wonAmount())
                    .divide(BigDecimal.valueOf(total.won() + total.lost()).multiply(median), ReportService.MONEY_SCALE,
                            RoundingMode.HALF_UP);
        }
        return new Period(from, to, won.size(), median, mean, openAtEnd, winRate, average, velocity);
    }

    private static BigDecimal median(List<Integer> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        BigDecimal middle = BigDecimal.valueOf(sorted.get(n / 2));
        return n % 2 == 1 ? middle.setScale(DAYS_SCALE)
                : middle.add(BigDecimal.valueOf(sorted.get(n / 2 - 1))).divide(BigDecimal.valueOf(2), DAYS_SCALE,
                        RoundingMode.HALF_UP);
    }

    private static Map<String, List<WonDeal>> group(List<WonDeal> won, Function<WonDeal, String> key) {
        Map<String, List<WonDeal>> groups = new LinkedHashMap<>();
        won.forEach(d -> groups.computeIfAbsent(nullKey(key.apply(d)), k -> new ArrayList<>()).add(d));
        return groups;
    }

    /** Deals without a product or a source form one group, keyed by the empty string here and null outside. */
    private static String nullKey(String key) {
        return key == null ? "" : key;
    }

    private static BigDecimal share(int part, int whole) {
        return whole == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), EXACT, RoundingMode.HALF_UP);
    }

    private static BigDecimal meanOver(List<WonDeal> won, java.util.function.ToIntFunction<WonDeal> days) {
        if (won.isEmpty()) {
            return BigDecimal.ZERO;
        }
        long sum = won.stream().mapToLong(days::applyAsInt).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(won.size()), EXACT, RoundingMode.HALF_UP);
    }

    private static BigDecimal round(BigDecimal days) {
        return days == null ? null : days.setScale(DAYS_SCALE, RoundingMode.HALF_UP);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
