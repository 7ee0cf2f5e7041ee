package dev.funnel.home;

import dev.funnel.analytics.ForecastReport;
import dev.funnel.analytics.FunnelReport;
import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.analytics.TargetProgress;
import dev.funnel.analytics.TargetService;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.RegistrationService;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers the home page's figures from the modules that own them, each computed as the list it links to
 * computes it, so that a figure and its list never disagree.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class HomeService {

    /** Enough rows for a glance; the link opens the whole list. */
    static final int SHOWN = 8;

    private final TaskService tasks;
    private final OpportunityService opportunities;
    private final RegistrationService registrations;
    private final TargetService targets;
    private final ReportService reports;
    private final UserService users;
    private final Clock clock;

    HomeService(TaskService tasks, OpportunityService opportunities, RegistrationService registrations,
                TargetService targets, ReportService reports, UserService users, Clock clock) {
        this.tasks = tasks;
        this.opportunities = opportunities;
        this.registrations = registrations;
        this.targets = targets;
        this.reports = reports;
        this.users = users;
        this.clock = clock;
    }

    public Home home() {
        CurrentUser me = users.current();
        LocalDate today = LocalDate.now(clock);
        LocalDate monthStart = today.withDayOfMonth(1);
        LocalDate monthEnd = today.with(TemporalAdjusters.lastDayOfMonth());
        List<Task> open = tasks.mine(Task.Status.OPEN);
        long overdue = open.stream().filter(t -> t.dueDate() != null && t.dueDate().isBefore(today)).count();
        long dueToday = open.stream().filter(t -> today.equals(t.dueDate())).count();
        List<TargetProgress> myTargets = targets.progress(PeriodKind.MONTH, today).stream()
                .filter(p -> p.target().ownerId() != null && p.target().ownerId() == me.id()).toList();
        Home.MyDay mine = new Home.MyDay(overdue, dueToday,
                opportunities.totals(OpportunityFilter.stalled(me.id())),
                opportunities.totals(OpportunityFilter.closing(me.id(), monthStart, monthEnd)), myTargets);
        return new Home(today, monthStart, monthEnd, mine, me.isManager() ? Optional.of(team(today))
                : Optional.empty());
    }

    private Home.TeamView team(LocalDate today) {
        LocalDate quarterStart = today.with(IsoFields.DAY_OF_QUARTER, 1);
        LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);
        ReportFilter quarter = new ReportFilter(quarterStart, quarterEnd, null, null, null, null, null, null);
        FunnelReport funnel = reports.funnel(quarter);
        ForecastReport forecast = reports.forecast(quarter);
        List<TargetProgress> quarterTargets = targets.progress(PeriodKind.QUARTER, today).stream()
                .sorted(Comparator.comparing((TargetProgress p) -> p.target().teamId() == null))
                .limit(SHOWN).toList();
        return new Home.TeamView(funnel,
                opportunities.countByOwner(OpportunityFilter.stalled(null)).stream().limit(SHOWN).toList(),
                forecast.closedWon(), forecast.forecast(), forecast.currency(), quarterTargets,
                registrations.toDecide().size());
    }
}
