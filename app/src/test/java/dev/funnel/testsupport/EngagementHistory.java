package dev.funnel.testsupport;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.Pipeline;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed deals made through the services, as a rep would: opened, half of them worked (a next step, three
 * visits), two weeks later closed; nine in ten worked deals are won and one in ten of the others.
 */
public final class EngagementHistory {

    private final OpportunityEditService editing;
    private final OpportunityCloseService closing;
    private final FollowUpService followUps;
    private final TestData data;
    private final MovableClock clock;

    public EngagementHistory(OpportunityEditService editing, OpportunityCloseService closing, FollowUpService followUps,
                      TestData data, MovableClock clock) {
        this.editing = editing;
        this.closing = closing;
        this.followUps = followUps;
        this.data = data;
        this.clock = clock;
    }

    public void closeDeals(UserSummary rep, Pipeline pipeline, long customerId, String batch, int count) {
        List<Opportunity> deals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean engaged = i % 2 == 0;
            Opportunity deal = data.as(rep.username(), () -> editing.create(new OpportunityDraft(batch + " "
                    + deals.size(), customerId, null, null, pipeline.id(), null, new BigDecimal("20000.00"), "CNY",
                    null, null, null, null, null, engaged ? "Meet the CFO" : null, null)));
            deals.add(deal);
            if (engaged) {
                for (int visit = 0; visit < 3; visit++) {
                    data.as(rep.username(), () -> followUps.log(new FollowUpDraft(FollowUpType.VISIT,
                            OffsetDateTime.now(clock), "went through the offer", customerId, null, deal.id())));
                }
            }
        }
        clock.advance(Duration.ofDays(15));
        for (int i = 0; i < deals.size(); i++) {
            Opportunity deal = deals.get(i);
            boolean won = i % 2 == 0 ? i % 10 != 0 : i % 10 == 1;
            if (won) {
                data.as(rep.username(), () -> closing.win(deal.id(), deal.version(), new BigDecimal("20000.00"),
                        LocalDate.now(clock)));
            } else {
                data.as(rep.username(), () -> closing.lose(deal.id(), deal.version(), "price", null));
            }
            clock.advance(Duration.ofMinutes(10));
        }
    }
}
