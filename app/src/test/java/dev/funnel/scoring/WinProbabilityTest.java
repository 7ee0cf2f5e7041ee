package dev.funnel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.DealScoreView;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.plugin.PluginSettingsService;
import dev.funnel.testsupport.EngagementHistory;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bundled win-probability plugin, loaded from its zip in the distribution with Tribuo inside, trained by the
 * host on deals that closed through the services, then scoring an open deal with its reasons.
 */
class WinProbabilityTest extends IntegrationTest {

    @Autowired
    ScoringService scoring;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    FollowUpService followUps;
    @Autowired
    PluginSettingsService pluginSettings;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    dev.funnel.scoring.internal.ScoringRun run;

    @Test
    void learns_from_closed_deals_that_engaged_deals_win_and_scores_an_open_one_with_its_reasons() {
        as("admin", () -> pluginSettings.save("win-probability", "training", null, null,
                Map.of("min_closed_deals", "40")));
        UserSummary rep = data.user(Role.SALES_REP, null);
        var pipeline = data.pipeline();
        var customer = data.customerOf(rep);
        String batch = TestData.unique("history");

        new EngagementHistory(editing, closing, followUps, data, clock).closeDeals(rep, pipeline, customer.id(),
                batch, 80);

        ScorerStatus trained = as("admin", () -> scoring.train("win-probability", Locale.ENGLISH));

        assertThat(trained.trainingFailure()).isNull();
        assertThat(trained.model().version()).startsWith("win-probability/1 logistic");
        assertThat(trained.model().report().fallback()).isFalse();
        assertThat(trained.model().report().closedDeals()).isGreaterThanOrEqualTo(80);
        assertThat(trained.model().report().testedOn()).isEqualTo(trained.model().report().closedDeals() / 5);
        assertThat(trained.model().report().baseline()).as("the stages' own probability, on the same deals")
                .isNotNull();

        Opportunity engaged = as(rep.username(), () -> editing.create(new OpportunityDraft(batch + " open engaged",
                customer.id(), null, null, pipeline.id(), null, new BigDecimal("20000.00"), "CNY", null, null, null,
                null, null, "Meet the CFO", null)));
        as(rep.username(), () -> followUps.log(new FollowUpDraft(FollowUpType.VISIT, OffsetDateTime.now(clock),
                "demo", engaged.customerId(), null, engaged.id())));
        Opportunity idle = as(rep.username(), () -> editing.create(new OpportunityDraft(batch + " open idle",
                customer.id(), null, null, pipeline.id(), null, new BigDecimal("20000.00"), "CNY", null, null, null,
                null, null, null, null)));

        DealScoreView hot = verdict(rep, engaged.id(), Locale.SIMPLIFIED_CHINESE);
        DealScoreView cold = verdict(rep, idle.id(), Locale.ENGLISH);
        assertThat(hot.failure()).isNull();
        assertThat(hot.probability()).isGreaterThan(cold.probability());
        assertThat(hot.factors()).isNotEmpty();
        assertThat(hot.factors()).anySatisfy(f -> assertThat(f.text()).isEqualTo("已填写下一步"));
        assertThat(cold.factors()).anySatisfy(f -> assertThat(f.text()).isEqualTo("No next step written down"));
    }

    @Test
    void a_damaged_stored_model_is_refused_reported_and_trained_again_while_the_deal_still_saves()
            throws InterruptedException {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Opportunity deal = data.opportunityOf(rep, data.pipeline());
        // the deal's own scoring after its creation, then a training and the scoring that follows it: all done
        // before the model is damaged, so that the next scoring is the one that meets the damage
        Thread.sleep(3_000);
        as("admin", () -> scoring.train("win-probability", Locale.ENGLISH));
        run.awaitBackground(Duration.ofSeconds(120));
        // as another instance, or a damaged disk, might leave it: newer than the model this one holds
        jdbc.update("update scoring_model set data = ?, trained_at = trained_at + interval '1 second'"
                + " where scorer_id = 'win-probability'", (Object) new byte[] {1, 2, 3});

        DealScoreView seenByTheRep = verdict(rep, deal.id(), Locale.ENGLISH);
        DealScoreView seenByTheAdmin = as("admin", () -> scoring.scores(deal.id(), Locale.ENGLISH)).stream()
                .filter(s -> s.scorerId().equals("win-probability")).findFirst().orElseThrow();

        assertThat(seenByTheRep.unavailable()).isTrue();
        assertThat(seenByTheRep.failure()).as("the reason is for administrators").isNull();
        assertThat(seenByTheAdmin.failure()).contains("IncompatibleModelException");
        run.awaitBackground(Duration.ofSeconds(120));
        assertThat(storedModelBytes()).as("trained again in the background").isGreaterThan(3);
        assertThat(verdict(rep, deal.id(), Locale.ENGLISH).unavailable()).isFalse();
    }

    private int storedModelBytes() {
        return jdbc.queryForObject("select length(data) from scoring_model where scorer_id = 'win-probability'",
                Integer.class);
    }

    private DealScoreView verdict(UserSummary rep, long dealId, Locale locale) {
        return as(rep.username(), () -> scoring.rescore(dealId, locale)).stream()
                .filter(s -> s.scorerId().equals("win-probability")).findFirst().orElseThrow();
    }
}
