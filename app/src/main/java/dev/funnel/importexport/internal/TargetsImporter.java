package dev.funnel.importexport.internal;

import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.ReportService;
import dev.funnel.analytics.TargetDraft;
import dev.funnel.analytics.TargetImport;
import dev.funnel.analytics.TargetService;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportField.Kind;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.platform.RowProblem;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Targets: a rep (by username or full name) or a team (by name), a period — {@code 2026-11} for a month,
 * {@code 2026-Q4} for a quarter — and the amount; the currency defaults to the company's. A row for a target
 * already set replaces its amount.
 */
@Component
class TargetsImporter implements EntityImporter<TargetImport> {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})[-/.](\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})\\s*-?\\s*Q([1-4])", Pattern.CASE_INSENSITIVE);

    private final TargetService targets;
    private final TeamService teams;
    private final UserService users;
    private final ReportService reports;

    TargetsImporter(TargetService targets, TeamService teams, UserService users, ReportService reports) {
        this.targets = targets;
        this.teams = teams;
        this.users = users;
        this.reports = reports;
    }

    private record Found(Map<String, List<Long>> reps, Map<String, List<Long>> teams, String currency)
            implements Lookups {
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.TARGETS;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("period", true, Kind.TEXT, "期间", "月份", "季度", "Month", "Quarter"),
                new ImportField("amount", true, Kind.AMOUNT, "目标", "目标金额", "销售目标", "Target", "Quota"),
                new ImportField("rep", false, Kind.REFERENCE, "销售", "销售代表", "负责人", "Sales rep", "Sales agent"),
                new ImportField("team", false, Kind.REFERENCE, "团队", "部门", "Team"),
                new ImportField("currency", false, Kind.CHOICE, "币种", "Currency"));
    }

    @Override
    public Map<String, String> fieldNames() {
        return Map.of("ownerId", "rep", "teamId", "team", "periodStart", "period", "kind", "period");
    }

    @Override
    public Lookups prepare(Function<String, Set<String>> distinct) {
        Map<String, List<Long>> teamIds = teams.list().stream()
                .collect(Collectors.groupingBy(t -> t.name().trim().toLowerCase(Locale.ROOT),
                        Collectors.mapping(Team::id, Collectors.toList())));
        Map<String, List<Long>> byName = distinct.apply("team").stream().collect(Collectors.toMap(n -> n,
                n -> teamIds.getOrDefault(n.trim().toLowerCase(Locale.ROOT), List.of())));
        return new Found(users.idsByName(distinct.apply("rep")), byName, reports.companyCurrency());
    }

    @Override
    public TargetImport read(RowReader row, Lookups lookups) {
        Found found = (Found) lookups;
        Long ownerId = NameLookup.resolve(row, "rep", found.reps(), "validation.import.unknown-user");
        Long teamId = NameLookup.resolve(row, "team", found.teams(), "validation.import.unknown-team");
        String period = row.text("period");
        PeriodKind kind = null;
        LocalDate start = null;
        if (period != null) {
            Matcher quarter = QUARTER.matcher(period.trim());
            Matcher month = MONTH.matcher(period.trim());
            if (quarter.matches()) {
                kind = PeriodKind.QUARTER;
                start = LocalDate.of(Integer.parseInt(quarter.group(1)), 3 * Integer.parseInt(quarter.group(2)) - 2, 1);
            } else if (month.matches() && Integer.parseInt(month.group(2)) >= 1
                    && Integer.parseInt(month.group(2)) <= 12) {
                kind = PeriodKind.MONTH;
                start = YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2))).atDay(1);
            } else {
                row.error("period", "validation.import.period", period);
            }
        }
        String currency = row.text("currency");
        return new TargetImport(row.rowNumber(), new TargetDraft(kind, start, ownerId, teamId, row.amount("amount"),
                currency == null ? found.currency() : currency.toUpperCase(Locale.ROOT)));
    }

    @Override
    public List<RowProblem> check(List<TargetImport> records) {
        return targets.checkImport(records);
    }

    @Override
    public int write(List<TargetImport> records) {
        return targets.importAll(records);
    }
}
