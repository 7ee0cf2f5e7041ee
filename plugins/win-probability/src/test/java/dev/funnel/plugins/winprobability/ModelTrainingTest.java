package dev.funnel.plugins.winprobability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.IncompatibleModelException;
import dev.funnel.plugin.api.ModelReport;
import dev.funnel.plugin.api.ScoringModel;
import dev.funnel.plugin.api.TrainingExample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelTrainingTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static List<SyntheticCompany.Deal> company;
    private static ScoringModel trained;

    @BeforeAll
    static void trainOnTheSyntheticCompany() {
        company = SyntheticCompany.deals(20_000, 7);
        trained = ModelTraining.train(examples(company), 200, NOW);
    }

    @Test
    void learnsTheTrueRuleAsWellAsTheTrueProbabilitiesRankTheNewestDeals() {
        ModelReport report = trained.report();
        assertThat(report.fallback()).isFalse();
        assertThat(report.closedDeals()).isEqualTo(20_000);
        assertThat(report.testedOn()).isEqualTo(4_000);
        assertThat(report.trainedOn()).isEqualTo(16_000);

        List<SyntheticCompany.Deal> newest = company.subList(16_000, 20_000);
        double trueAuc = Figures.auc(newest.stream().mapToDouble(SyntheticCompany.Deal::trueProbability).toArray(),
                outcomes(newest));
        assertThat(report.model().auc()).isCloseTo(trueAuc, org.assertj.core.data.Offset.offset(0.03));
        assertThat(Figures.calibrationError(report.model().reliability())).isLessThanOrEqualTo(0.05);
        // the stages alone know less than the model
        assertThat(report.baseline().auc()).isLessThan(report.model().auc() - 0.05);
        assertThat(report.model().reliability()).hasSize(10);
        assertThat(report.model().reliability().stream().mapToInt(ModelReport.ReliabilityBin::deals).sum())
                .isEqualTo(4_000);
    }

    @Test
    void theKeptModelScoresEachDealNearItsTrueProbabilityAndSaysWhy() {
        WinModel model = WinModel.read(trained.data());
        double gap = company.subList(19_000, 20_000).stream()
                .mapToDouble(d -> Math.abs(model.probability(d.example().deal()) - d.trueProbability()))
                .average().orElseThrow();
        assertThat(gap).isLessThan(0.04);

        SyntheticCompany.Deal deal = company.get(19_999);
        DealScore score = model.score(deal.example().deal());
        assertThat(score.winProbability()).isBetween(0.0, 1.0);
        assertThat(score.factors()).isNotEmpty().hasSizeLessThanOrEqualTo(6);
        assertThat(score.factors()).allSatisfy(f -> {
            assertThat(f.text().en()).isNotBlank();
            assertThat(f.text().zh()).isNotBlank();
        });
        // factors are ordered by how far they pushed, and the strongest rule of the company shows among them
        assertThat(score.factors().stream().map(f -> f.key()))
                .containsAnyOf("stage", "exit_criteria", "decision_maker", "activities", "lead_source");
    }

    @Test
    void aLeadSourceThatWinsMoreRaisesTheProbabilityOfAnOtherwiseEqualDeal() {
        WinModel model = WinModel.read(trained.data());
        var deal = company.get(19_000).example().deal();
        var referral = withSource(deal, "Referral");
        var coldCall = withSource(deal, "Cold call");
        assertThat(model.probability(referral)).isGreaterThan(model.probability(coldCall));
    }

    @Test
    void trainingTheSameDealsTwiceGivesTheSameModel() {
        ScoringModel again = ModelTraining.train(examples(company.subList(0, 3_000)), 200, NOW);
        ScoringModel once = ModelTraining.train(examples(company.subList(0, 3_000)), 200, NOW);
        assertThat(again).isEqualTo(once);
    }

    @Test
    void withTooFewClosedDealsEachStagesHistoricalWinRateIsUsedAndSaidPlainly() {
        ScoringModel small = ModelTraining.train(examples(company.subList(0, 150)), 200, NOW);
        assertThat(small.report().fallback()).isTrue();
        assertThat(small.report().summary().en()).contains("150 closed deals", "fewer than the 200");
        assertThat(small.report().summary().zh()).contains("150", "200");
        WinModel model = WinModel.read(small.data());
        var deal = company.get(10).example().deal();
        DealScore score = model.score(deal);
        long won = company.subList(0, 150).stream()
                .filter(d -> d.example().deal().stageKey().equals(deal.stageKey()) && d.example().won()).count();
        long all = company.subList(0, 150).stream()
                .filter(d -> d.example().deal().stageKey().equals(deal.stageKey())).count();
        double overall = company.subList(0, 150).stream().filter(d -> d.example().won()).count() / 150.0;
        assertThat(score.winProbability()).isCloseTo((won + 5 * overall) / (all + 5),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(score.factors()).singleElement()
                .satisfies(f -> assertThat(f.text().en()).contains("Deals in stage " + deal.stageKey()));
    }

    @Test
    void closedDealsOfOneOutcomeOnlyGiveTheStageRatesSaidPlainly() {
        List<TrainingExample> allLost = company.subList(0, 400).stream()
                .map(d -> new TrainingExample(d.example().deal(), false, d.example().closedAt())).toList();
        ScoringModel model = ModelTraining.train(allLost, 200, NOW);
        assertThat(model.report().fallback()).isTrue();
        assertThat(model.report().summary().en()).contains("All 400 closed deals were lost");
        assertThat(model.report().model()).as("no AUC without a won deal").isNull();
        assertThat(WinModel.read(model.data()).kind()).isEqualTo(WinModel.Kind.STAGE_RATES);
    }

    @Test
    void aModelWithNumbersThatCannotScoreIsRefused() {
        WinModel good = WinModel.read(trained.data());
        WinModel broken = new WinModel(good.kind(), good.scaling(), good.categoryShare(), good.weights(), Double.NaN,
                good.plattSlope(), good.plattOffset(), good.stageRates(), good.overallRate());
        assertThatThrownBy(() -> WinModel.read(broken.write())).isInstanceOf(IncompatibleModelException.class)
                .hasMessageContaining("cannot score");
    }

    @Test
    void aDamagedOrForeignModelIsRefusedSoTheHostTrainsAgain() {
        byte[] data = trained.data();
        assertThatThrownBy(() -> WinModel.read(java.util.Arrays.copyOf(data, data.length / 2)))
                .isInstanceOf(IncompatibleModelException.class);
        assertThatThrownBy(() -> WinModel.read("not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IncompatibleModelException.class);
        byte[] otherFormat = data.clone();
        otherFormat[7] = 99;
        assertThatThrownBy(() -> WinModel.read(otherFormat)).isInstanceOf(IncompatibleModelException.class)
                .hasMessageContaining("format 99");
        WinProbabilityScorer scorer = new WinProbabilityScorer();
        ScoringModel damaged = new ScoringModel(trained.version(), new byte[] {1, 2, 3}, trained.report());
        assertThatThrownBy(() -> scorer.score(company.get(0).example().deal(), damaged))
                .isInstanceOf(IncompatibleModelException.class);
    }

    @Test
    void theScorerReadsItsModelOnceAndScoresWithIt() {
        WinProbabilityScorer scorer = new WinProbabilityScorer();
        var deal = company.get(5).example().deal();
        assertThat(scorer.score(deal, trained).winProbability())
                .isEqualTo(WinModel.read(trained.data()).probability(deal));
        assertThat(scorer.score(deal, null).winProbability()).isEqualTo(deal.stageProbability() / 100.0);
    }

    private static dev.funnel.plugin.api.DealSnapshot withSource(dev.funnel.plugin.api.DealSnapshot d, String source) {
        return new dev.funnel.plugin.api.DealSnapshot(d.id(), d.asOf(), d.stageKey(), d.stagePosition(),
                d.stageCount(), d.stageProbability(), d.daysInStage(), d.ageDays(), d.amount(), d.currency(),
                d.companyAmount(), d.daysToExpectedClose(), d.closeDateMoves(), d.products(), source,
                d.customerIndustry(), d.customerEmployees(), d.customerRegion(), d.ownerId(), d.activities(),
                d.exitCriteriaTotal(), d.exitCriteriaConfirmed(), d.nextStepSet(), d.decisionMakerEngaged());
    }

    private static List<TrainingExample> examples(List<SyntheticCompany.Deal> deals) {
        return deals.stream().map(SyntheticCompany.Deal::example).toList();
    }

    private static boolean[] outcomes(List<SyntheticCompany.Deal> deals) {
        boolean[] won = new boolean[deals.size()];
        for (int i = 0; i < won.length; i++) {
            won[i] = deals.get(i).example().won();
        }
        return won;
    }
}
