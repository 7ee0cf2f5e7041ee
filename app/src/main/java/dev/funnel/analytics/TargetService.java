package dev.funnel.analytics;

import dev.funnel.analytics.internal.ReportRepository;
import dev.funnel.analytics.internal.ReportRepository.Selection;
import dev.funnel.analytics.internal.ReportRepository.Weighted;
import dev.funnel.analytics.internal.TargetRepository;
import dev.funnel.currency.CurrencyService;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.RowProblem;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.plugin.api.ForecastCategory;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets (quotas) per rep or team and month or quarter, set by administrators, and their progress: won so far
 * against the target, the open business expected to close in the period, the gap and the pipeline coverage
 * (docs/metrics.md, "Targets"). A target counts won business in every pipeline: in the company currency every
 * deal's, converted; in another currency the deals in it.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class TargetService {

    private final TargetRepository targets;
    private final ReportRepository reports;
    private final UserService users;
    private final CurrencyService currencies;
    private final Clock clock;

    TargetService(TargetRepository targets, ReportRepository reports, UserService users, CurrencyService currencies,
                  Clock clock) {
        this.currencies = currencies;
        this.targets = targets;
        this.reports = reports;
        this.users = users;
        this.clock = clock;
    }

    /** The targets of a period the caller may see: their own, and those of the people and teams they see. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public List<Target> list(PeriodKind kind, LocalDate periodStart) {
        VisibleScope scope = users.visibleScope();
        return targets.find(kind, kind.start(periodStart)).stream()
                .filter(t -> scope.everything() || visible(owners(t), scope)).toList();
    }

    /** Each visible target of the period with what has been won and what is open against it. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public List<TargetProgress> progress(PeriodKind kind, LocalDate periodStart) {
        VisibleScope scope = users.visibleScope();
        LocalDate start = kind.start(periodStart);
        LocalDate end = kind.end(start);
        LocalDate today = LocalDate.now(clock);
        List<TargetProgress> progress = new ArrayList<>();
        String company = currencies.companyCurrency();
        for (Target target : targets.find(kind, start)) {
            // a team's people are looked up once: they decide who sees the target and what it counts
            Set<Long> owners = owners(target);
            if (visible(owners, scope)) {
                progress.add(progress(target, owners, scope, start, end, today, company));
            }
        }
        return progress;
    }

    private TargetProgress progress(Target target, Set<Long> owners, VisibleScope scope, LocalDate start,
                                    LocalDate end, LocalDate today, String companyCurrency) {
        // a target in the company currency counts every deal, converted; one in another currency its deals only
        Selection selection = Selection.allPipelines(target.currency().equals(companyCurrency) ? null
                : target.currency(), scope, owners, clock.getZone());
        BigDecimal won = reports.outcomesWithTotal(selection, start, end, GroupBy.MONTH).total().wonAmount();
        Map<String, Weighted> open = reports.openByCategory(selection, start, end, today);
        BigDecimal weighted = open.values().stream().map(Weighted::weighted).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(ReportService.MONEY_SCALE, RoundingMode.HALF_UP);
        BigDecimal gap = target.amount().subtract(won).max(BigDecimal.ZERO);
        Optional<BigDecimal> coverage = gap.signum() == 0 ? Optional.empty()
                : Optional.of(weighted.divide(gap, ReportService.RATE_SCALE, RoundingMode.HALF_UP));
        return new TargetProgress(target, won, amount(open, ForecastCategory.COMMIT),
                amount(open, ForecastCategory.BEST_CASE), amount(open, ForecastCategory.PIPELINE), weighted, gap,
                coverage);
    }

    private static BigDecimal amount(Map<String, Weighted> open, ForecastCategory category) {
        Weighted figures = open.get(category.name());
        return figures == null ? BigDecimal.ZERO : figures.amount();
    }

    /**
     * Sets a target: a new one, or a new amount for the one the person or team already has for the period and
     * currency ({@code version}: the version read, null when there was none).
     */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Target set(TargetDraft draft, Integer version) {
        checks(draft).orThrow();
        CurrentUser me = users.current();
        OffsetDateTime now = OffsetDateTime.now(clock);
        TargetDraft normalised = normalised(draft);
        Optional<Target> same = targets.findSame(normalised);
        if (same.isEmpty()) {
            long id = targets.insert(normalised, me.id(), now);
            return targets.findById(id).orElseThrow();
        }
        Target existing = same.get();
        if (version == null || !targets.updateAmount(existing.id(), version, normalised.amount(), me.id(), now)) {
            throw new StaleVersionException("target", existing.id());
        }
        return targets.findById(existing.id()).orElseThrow();
    }

    /** Every row's problems, as {@link #set} would find them, and rows that set the same target twice. */
    @RolesAllowed(Role.Names.ADMIN)
    public List<RowProblem> checkImport(List<TargetImport> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> lineByKey = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            TargetDraft draft = rows.get(i).draft();
            Checks checks = checks(draft);
            String key = draft.kind() + " " + draft.periodStart() + " " + draft.ownerId() + " " + draft.teamId() + " "
                    + draft.currency();
            Integer same = lineByKey.putIfAbsent(key, rows.get(i).line());
            checks.rule(same == null, "period", "validation.duplicate.row", same);
            int index = i;
            checks.problems().forEach(p -> problems.add(new RowProblem(index, p)));
        }
        return problems;
    }

    /** Writes checked rows: a new target, or the new amount of one already set (an import overrides). */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public int importAll(List<TargetImport> rows) {
        CurrentUser me = users.current();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (TargetImport row : rows) {
            TargetDraft draft = normalised(row.draft());
            Optional<Target> same = targets.findSame(draft);
            if (same.isPresent()) {
                targets.updateAmount(same.get().id(), same.get().version(), draft.amount(), me.id(), now);
            } else {
                targets.insert(draft, me.id(), now);
            }
        }
        return rows.size();
    }

    private static Checks checks(TargetDraft draft) {
        return Checks.start()
                .required("kind", draft.kind())
                .required("periodStart", draft.periodStart())
                .rule(draft.kind() == null || draft.periodStart() == null || draft.kind().isStart(draft.periodStart()),
                        "periodStart", "validation.target.period-start")
                .rule((draft.ownerId() == null) != (draft.teamId() == null), "ownerId", "validation.target.whose")
                .required("amount", draft.amount())
                .money("amount", draft.amount())
                .required("currency", draft.currency())
                .currency("currency", draft.currency() == null ? null : draft.currency().toUpperCase(Locale.ROOT));
    }

    private static TargetDraft normalised(TargetDraft draft) {
        return new TargetDraft(draft.kind(), draft.periodStart(), draft.ownerId(), draft.teamId(), draft.amount(),
                draft.currency().toUpperCase(Locale.ROOT));
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public void remove(long id, int version) {
        if (targets.findById(id).isEmpty()) {
            throw new NotFoundException("target", id);
        }
        if (!targets.delete(id, version)) {
            throw new StaleVersionException("target", id);
        }
    }

    private Set<Long> owners(Target target) {
        return target.ownerId() != null ? Set.of(target.ownerId()) : users.teamTreeMembers(target.teamId());
    }

    /** A rep's own target; a team's when the caller sees everyone in it. */
    private static boolean visible(Set<Long> owners, VisibleScope scope) {
        return scope.everything() || (!owners.isEmpty() && scope.ownerIds().containsAll(owners));
    }
}
