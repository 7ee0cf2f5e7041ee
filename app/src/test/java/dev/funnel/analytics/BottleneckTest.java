package dev.funnel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The default report covers 12 months, whose earlier window reaches four years back: a young installation has no
 * history there, and the bottleneck is then the stage that converts least (docs/metrics.md).
 */
class BottleneckTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    StageProgressService progress;
    @Autowired
    ReportService reports;

    @Test
    void without_earlier_history_the_stage_that_converts_least_is_the_bottleneck() {
        UserSummary rep = data.organisation().eastRep();
        Pipeline pipeline = data.pipeline();
        long propose = pipeline.stages().get(1).id();
        long negotiate = pipeline.stages().get(2).id();
        List<Opportunity> deals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deals.add(data.opportunityOf(rep, pipeline));
        }
        clock.advance(Duration.ofDays(3));
        // Qualify: 6 of 10 move on (60 %); Propose: 1 of those 6 moves on (17 %); Negotiate: 1 entry, too few
        for (int i = 0; i < 6; i++) {
            Opportunity deal = deals.get(i);
            Opportunity moved = as(rep.username(), () -> progress.moveToStage(deal.id(), deal.version(), propose,
                    null));
            if (i == 0) {
                as(rep.username(), () -> progress.moveToStage(moved.id(), moved.version(), negotiate, null));
            }
        }
        LocalDate today = LocalDate.now(clock);
        ReportFilter lastYear = new ReportFilter(today.minusMonths(12).plusDays(1), today, pipeline.id(), null,
                null, null, null, null);

        ConversionReport report = as(rep.username(), () -> reports.conversion(lastYear));

        ConversionReport.Bottleneck bottleneck = report.bottleneck().orElseThrow();
        assertThat(bottleneck.stageId()).isEqualTo(propose);
        assertThat(bottleneck.entered()).isEqualTo(6);
        assertThat(bottleneck.conversion()).isEqualByComparingTo("0.1667");
        assertThat(bottleneck.earlierConversion()).isEmpty();
    }
}
