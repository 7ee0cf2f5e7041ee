package dev.funnel.plugins.winprobability;

import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.TrainingExample;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A company whose closed deals were won by a known rule: each deal's true win probability is a logistic function
 * of its stage, exit criteria, recent follow-ups, next step, decision maker, close-date slips and lead source, and
 * its outcome is drawn from that probability. Deals close one after another, so the newest fifth is a fair
 * out-of-time test. Ids start far from 1.
 */
final class SyntheticCompany {

    static final String[] STAGES = {"Qualify", "Discover", "Propose", "Negotiate", "Commit"};
    static final int[] STAGE_PROBABILITIES = {10, 20, 40, 60, 80};
    static final String[] SOURCES = {"Referral", "Trade show", "Website", "Cold call"};
    static final double[] SOURCE_EFFECTS = {0.6, 0.1, 0.0, -0.7};

    record Deal(TrainingExample example, double trueProbability) {
    }

    static List<Deal> deals(int count, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<Deal> deals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int stage = random.nextInt(STAGES.length);
            int criteriaTotal = 3;
            int confirmed = random.nextInt(criteriaTotal + 1);
            int followUps = random.nextInt(12);
            boolean nextStep = random.nextDouble() < 0.6;
            boolean decisionMaker = random.nextDouble() < 0.4;
            int moves = random.nextInt(4);
            int source = random.nextInt(SOURCES.length);
            double logit = -2.2 + 0.55 * stage + 0.5 * confirmed + 0.45 * Math.log1p(followUps)
                    + (nextStep ? 0.4 : 0) + (decisionMaker ? 0.7 : 0) - 0.35 * moves + SOURCE_EFFECTS[source];
            double probability = 1 / (1 + Math.exp(-logit));
            boolean won = random.nextDouble() < probability;
            Instant asOf = start.plus(Duration.ofHours(2L * i));
            DealSnapshot snapshot = new DealSnapshot(700_000L + i, asOf, STAGES[stage], stage + 1, STAGES.length,
                    STAGE_PROBABILITIES[stage], random.nextInt(60), 30 + random.nextInt(200),
                    BigDecimal.valueOf(10_000 + random.nextInt(500_000)), "CNY", null, random.nextInt(90) - 10,
                    moves, List.of(), SOURCES[source], "Manufacturing", 50 + random.nextInt(5000), "Shanghai",
                    "owner-" + random.nextInt(8),
                    List.of(new DealSnapshot.ActivityCount("CALL", 0, followUps, followUps)), criteriaTotal,
                    confirmed, nextStep, decisionMaker);
            deals.add(new Deal(new TrainingExample(snapshot, won, asOf.plus(Duration.ofDays(20))), probability));
        }
        return deals;
    }

    private SyntheticCompany() {
    }
}
