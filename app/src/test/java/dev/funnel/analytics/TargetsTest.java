package dev.funnel.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.customer.Customer;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.importexport.ImportMode;
import dev.funnel.importexport.ImportResult;
import dev.funnel.importexport.ImportService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Targets: set by administrators or imported, seen by whom they concern, and measured against what was won. */
class TargetsTest extends IntegrationTest {

    @Autowired
    TargetService targets;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;
    @Autowired
    ImportService imports;

    Org company;
    LocalDate month;

    @BeforeEach
    void aWonAndAnOpenDeal() {
        company = data.organisation();
        Pipeline pipeline = data.pipeline();
        Customer customer = data.customerOf(company.eastRep());
        LocalDate today = LocalDate.now(clock);
        month = today.withDayOfMonth(1);
        data.as(company.eastRep().username(), () -> {
            Opportunity won = editing.create(new OpportunityDraft("Won", customer.id(), null, null,
                    pipeline.id(), null, new BigDecimal("2500"), "CNY", today, null, null, null, null, null, null));
            closing.win(won.id(), won.version(), new BigDecimal("3000"), today);
            Opportunity open = editing.create(new OpportunityDraft("Open", customer.id(), null, null,
                    pipeline.id(), null, new BigDecimal("125000"), "CNY", today, null, null, null, null, null, null));
            return progress.moveToStage(open.id(), open.version(), pipeline.stages().get(2).id(), null);
        });
    }

    private TargetDraft forEastRep(String amount) {
        return new TargetDraft(PeriodKind.MONTH, month, company.eastRep().id(), null, new BigDecimal(amount), "cny");
    }

    @Test
    void progress_is_won_against_the_target_with_the_open_business_the_gap_and_the_coverage() {
        data.asAdmin(() -> targets.set(forEastRep("10000"), null));

        signIn(company.eastRep().username());
        List<TargetProgress> progress = targets.progress(PeriodKind.MONTH, month.plusDays(3));

        assertThat(progress).hasSize(1);
        TargetProgress mine = progress.get(0);
        assertThat(mine.target().name()).isEqualTo(company.eastRep().fullName());
        assertThat(mine.target().currency()).isEqualTo("CNY");
        assertThat(mine.won()).isEqualByComparingTo("3000");
        // the open deal is in Negotiate (90 %, a pipeline-category stage) and expected this month
        assertThat(mine.pipeline()).isEqualByComparingTo("125000");
        assertThat(mine.commit()).isEqualByComparingTo("0");
        assertThat(mine.openWeighted()).isEqualByComparingTo("112500");
        assertThat(mine.gap()).isEqualByComparingTo("7000");
        assertThat(mine.coverage()).contains(new BigDecimal("16.0714"));
    }

    @Test
    void a_team_target_counts_everyone_below_the_team_and_only_those_who_see_them_all_see_it() {
        data.asAdmin(() -> targets.set(forEastRep("10000"), null));
        data.asAdmin(() -> targets.set(new TargetDraft(PeriodKind.QUARTER, PeriodKind.QUARTER.start(month), null,
                company.division().id(), new BigDecimal("50000"), "CNY"), null));

        signIn(company.director().username());
        assertThat(targets.progress(PeriodKind.QUARTER, month)).singleElement()
                .satisfies(p -> assertThat(p.won()).isEqualByComparingTo("3000"));
        signIn(company.eastManager().username());
        assertThat(targets.list(PeriodKind.MONTH, month)).extracting(Target::name)
                .containsExactly(company.eastRep().fullName());
        assertThat(targets.list(PeriodKind.QUARTER, month)).isEmpty();
        signIn(company.westRep().username());
        assertThat(targets.list(PeriodKind.MONTH, month)).isEmpty();
    }

    @Test
    void setting_a_target_again_needs_the_version_read_and_bad_targets_are_refused_by_field() {
        Target first = data.asAdmin(() -> targets.set(forEastRep("10000"), null));
        Target second = data.asAdmin(() -> targets.set(forEastRep("12000"), first.version()));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.amount()).isEqualByComparingTo("12000");
        assertThatThrownBy(() -> data.asAdmin(() -> targets.set(forEastRep("13000"), first.version())))
                .isInstanceOf(StaleVersionException.class);

        assertThat(fieldsRefused(new TargetDraft(PeriodKind.MONTH, month.plusDays(1), company.eastRep().id(), null,
                BigDecimal.TEN, "CNY"))).containsExactly("periodStart");
        assertThat(fieldsRefused(new TargetDraft(PeriodKind.MONTH, month, company.eastRep().id(),
                company.east().id(), BigDecimal.TEN, "CNY"))).containsExactly("ownerId");
        assertThat(fieldsRefused(new TargetDraft(PeriodKind.MONTH, month, company.eastRep().id(), null,
                new BigDecimal("-1"), "RMB"))).containsExactly("amount", "currency");
    }

    /** This test's targets: other tests set targets for their own people in the same periods. */
    private List<Target> ours(PeriodKind kind, LocalDate day) {
        return data.asAdmin(() -> targets.list(kind, day)).stream()
                .filter(t -> Long.valueOf(company.eastRep().id()).equals(t.ownerId())
                        || Long.valueOf(company.east().id()).equals(t.teamId()))
                .toList();
    }

    private List<String> fieldsRefused(TargetDraft draft) {
        try {
            data.asAdmin(() -> targets.set(draft, null));
        } catch (InvalidInputException e) {
            return e.problems().stream().map(p -> p.field()).toList();
        }
        return List.of();
    }

    @Test
    void targets_import_from_a_spreadsheet_all_or_nothing() {
        ImportMapping mapping = new ImportMapping(Map.of("Rep", "rep", "Team", "team", "Period", "period",
                "Quota", "amount"), Map.of(), Map.of(), List.of());
        String period = month.toString().substring(0, 7);
        String good = "Rep,Team,Period,Quota\n" + company.eastRep().username() + ",," + period + ",8000\n"
                + "," + company.east().name() + "," + month.getYear() + "-Q1,90000\n";
        String bad = good + company.westRep().username() + ",,November,100\n";

        ImportResult rejected = data.asAdmin(() -> imports.run(ImportEntity.TARGETS,
                bad.getBytes(StandardCharsets.UTF_8), null, mapping, ImportMode.ALL, Locale.ENGLISH, null));
        assertThat(rejected.status()).isEqualTo(ImportResult.Status.REJECTED);
        assertThat(rejected.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(4);
            assertThat(e.column()).isEqualTo("Period");
            assertThat(e.reason()).contains("'November' is not a period");
        });
        assertThat(ours(PeriodKind.MONTH, month)).isEmpty();

        ImportResult done = data.asAdmin(() -> imports.run(ImportEntity.TARGETS,
                good.getBytes(StandardCharsets.UTF_8), null, mapping, ImportMode.ALL, Locale.ENGLISH, null));
        assertThat(done.imported()).isEqualTo(2);
        assertThat(ours(PeriodKind.MONTH, month)).singleElement()
                .satisfies(t -> assertThat(t.amount()).isEqualByComparingTo("8000"));
        assertThat(ours(PeriodKind.QUARTER, LocalDate.of(month.getYear(), 2, 1)))
                .extracting(Target::name, t -> Optional.of(t.amount().stripTrailingZeros().toPlainString()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(company.east().name(), Optional.of("90000")));
    }
}
