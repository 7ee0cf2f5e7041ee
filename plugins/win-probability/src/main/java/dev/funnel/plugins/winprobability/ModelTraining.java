package dev.funnel.plugins.winprobability;

import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.ModelReport;
import dev.funnel.plugin.api.ScoringModel;
import dev.funnel.plugin.api.TrainingExample;
import dev.funnel.plugins.winprobability.DealFeatures.Category;
import dev.funnel.plugins.winprobability.DealFeatures.Family;
import dev.funnel.plugins.winprobability.WinModel.Kind;
import dev.funnel.plugins.winprobability.WinModel.Scaling;
import dev.funnel.plugins.winprobability.WinModel.StageRate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the model on closed deals, validating it out of time: the deals are ordered by their close, the model is
 * fitted on the older four fifths and tested on the newest fifth (never seen in training), beside the stages' own
 * probabilities on the same deals. The model kept is then trained the same way on every closed deal.
 *
 * <p>One fit: logistic regression (Tribuo's linear SGD with a log loss) on the older three quarters of the deals
 * it is given, then Platt scaling (a one-feature logistic regression on the raw log-odds) on the newest quarter,
 * so that the probabilities match how often deals were won lately.
 */
final class ModelTraining {

    static final String WON = "won";
    static final String LOST = "lost";
    /** More examples than this are thinned evenly: the fit gains nothing from them and memory would suffer. */
    static final int MAX_FIT_EXAMPLES = 300_000;
    private static final long SEED = 20_261_204L;
    private static final double TEST_SHARE = 0.2;
    private static final double CALIBRATION_SHARE = 0.25;
    /** A category has its own weight only when this many training examples carry it. */
    private static final int MIN_CATEGORY_EXAMPLES = 20;
    private static final int MAX_CATEGORIES_PER_FAMILY = 30;
    /** A stage's rate leans on the overall rate by this many examples' worth, so a rare stage is not 0% or 100%. */
    private static final double STAGE_PRIOR_EXAMPLES = 5;

    /** Held here: a logger nobody references can be collected, and its level with it. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        // Tribuo logs every training at INFO; the host logs the training's outcome
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private ModelTraining() {
    }

    static ScoringModel train(List<TrainingExample> examples, int minClosedDeals, Instant trainedAt) {
        List<List<TrainingExample>> deals = byDeal(examples);
        int testDeals = (int) Math.floor(deals.size() * TEST_SHARE);
        List<TrainingExample> older = flatten(deals.subList(0, deals.size() - testDeals));
        List<TrainingExample> newest = flatten(deals.subList(deals.size() - testDeals, deals.size()));
        boolean tooFew = deals.size() < minClosedDeals;
        long wins = examples.stream().filter(TrainingExample::won).count();
        // all won or all lost: a model has nothing to tell apart
        boolean oneOutcome = wins == 0 || wins == examples.size();
        boolean fallback = tooFew || oneOutcome;

        ModelReport.Quality quality = null;
        ModelReport.Quality baseline = null;
        if (!newest.isEmpty() && !older.isEmpty()) {
            WinModel validated = fallback ? stageRates(older) : logistic(older);
            double[] predicted = new double[newest.size()];
            double[] stages = new double[newest.size()];
            boolean[] won = new boolean[newest.size()];
            for (int i = 0; i < newest.size(); i++) {
                predicted[i] = validated.probability(newest.get(i).deal());
                stages[i] = newest.get(i).deal().stageProbability() / 100.0;
                won[i] = newest.get(i).won();
            }
            quality = Figures.of(predicted, won);
            baseline = Figures.of(stages, won);
        }
        WinModel kept = fallback ? stageRates(examples) : logistic(examples);
        int trainedOn = deals.size() - testDeals;
        LocalizedText summary = fallback && !tooFew
                ? LocalizedText.of("All " + deals.size() + " closed deals were " + (wins == 0 ? "lost" : "won")
                        + ": there is nothing to learn from yet, so each stage's historical win rate is used.",
                        "全部 " + deals.size() + " 个已关闭商机均为" + (wins == 0 ? "输单" : "赢单")
                                + "，暂无可学习的差异：改用各阶段的历史赢单率。")
                : fallback
                ? LocalizedText.of("Only " + deals.size() + " closed deals, fewer than the " + minClosedDeals
                        + " needed to learn from them: each stage's historical win rate is used instead.",
                        "已关闭商机仅 " + deals.size() + " 个，少于学习所需的 " + minClosedDeals
                                + " 个：改用各阶段的历史赢单率。")
                : LocalizedText.of("A calibrated logistic model, tested on the " + testDeals
                        + " most recently closed deals after training on the " + trainedOn
                        + " before them, then trained on all " + deals.size() + ".",
                        "校准后的逻辑回归模型：先用较早关闭的 " + trainedOn + " 个商机训练，再用最近关闭的 "
                                + testDeals + " 个商机检验，最后用全部 " + deals.size() + " 个商机重新训练。");
        ModelReport report = new ModelReport(deals.size(), trainedOn, testDeals, fallback, summary, quality,
                baseline);
        String version = "win-probability/" + WinModel.FORMAT + " " + kept.kind().name().toLowerCase(
                java.util.Locale.ROOT) + " " + trainedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new ScoringModel(version, kept.write(), report);
    }

    /** The examples grouped by deal, in the order of their close (the host's order). */
    static List<List<TrainingExample>> byDeal(List<TrainingExample> examples) {
        Map<Long, List<TrainingExample>> deals = new LinkedHashMap<>();
        examples.stream()
                .sorted(java.util.Comparator.comparing(TrainingExample::closedAt)
                        .thenComparingLong(e -> e.deal().id()))
                .forEach(e -> deals.computeIfAbsent(e.deal().id(), id -> new ArrayList<>()).add(e));
        return new ArrayList<>(deals.values());
    }

    private static List<TrainingExample> flatten(List<List<TrainingExample>> deals) {
        List<TrainingExample> examples = new ArrayList<>();
        deals.forEach(examples::addAll);
        return examples;
    }

    static WinModel stageRates(List<TrainingExample> examples) {
        double overall = examples.isEmpty() ? 0 : examples.stream().filter(TrainingExample::won).count()
                / (double) examples.size();
        Map<String, int[]> counts = new HashMap<>();
        for (TrainingExample example : examples) {
            int[] count = counts.computeIfAbsent(example.deal().stageKey(), k -> new int[2]);
            count[0]++;
            count[1] += example.won() ? 1 : 0;
        }
        Map<String, StageRate> rates = new HashMap<>();
        counts.forEach((stage, count) -> rates.put(stage, new StageRate(count[0],
                (count[1] + STAGE_PRIOR_EXAMPLES * overall) / (count[0] + STAGE_PRIOR_EXAMPLES))));
        return new WinModel(Kind.STAGE_RATES, neutralScaling(), Map.of(), Map.of(), 0, 1, 0, rates, overall);
    }

    private static Map<String, Scaling> neutralScaling() {
        Map<String, Scaling> scaling = new HashMap<>();
        for (DealFeatures.Numeric numeric : DealFeatures.Numeric.values()) {
            scaling.put(numeric.key, new Scaling(0, 1));
        }
        return scaling;
    }

    /** Fits on the older three quarters of the deals, calibrates on the newest quarter. */
    static WinModel logistic(List<TrainingExample> examples) {
        List<List<TrainingExample>> deals = byDeal(examples);
        int calibrationCut = deals.size() - (int) Math.floor(deals.size() * CALIBRATION_SHARE);
        if (!bothOutcomes(flatten(deals.subList(0, calibrationCut)))) {
            // the older deals alone cannot tell won from lost: the stages' rates say more than zero weights would
            return stageRates(examples);
        }
        int calibrationDeals = (int) Math.floor(deals.size() * CALIBRATION_SHARE);
        List<TrainingExample> fit = thin(flatten(deals.subList(0, deals.size() - calibrationDeals)));
        List<TrainingExample> calibration = thin(flatten(deals.subList(deals.size() - calibrationDeals,
                deals.size())));

        Map<String, Scaling> scaling = scaling(fit);
        Map<String, Double> shares = categoryShares(fit);
        MutableDataset<Label> data = dataset();
        for (TrainingExample example : fit) {
            data.add(example(example, scaling, shares));
        }
        Map<String, Double> weights = weightsOf(new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1),
                epochs(fit.size()), -1, 1, SEED).train(data));
        double intercept = weights.remove(Model.BIAS_FEATURE);
        WinModel raw = new WinModel(Kind.LOGISTIC, scaling, shares, weights, intercept, 1, 0,
                stageRates(fit).stageRates(), 0);

        double slope = 1;
        double offset = 0;
        if (bothOutcomes(calibration)) {
            MutableDataset<Label> logits = dataset();
            for (TrainingExample example : calibration) {
                logits.add(new ArrayExample<>(label(example), new String[] {"logit"},
                        new double[] {raw.rawLogit(example.deal())}));
            }
            Map<String, Double> platt = weightsOf(new LinearSGDTrainer(new LogMulticlass(),
                    new AdaGrad(0.1, 0.1), epochs(calibration.size()), -1, 1, SEED).train(logits));
            slope = platt.getOrDefault("logit", 1.0);
            offset = platt.getOrDefault(Model.BIAS_FEATURE, 0.0);
        }
        double overall = fit.stream().filter(TrainingExample::won).count() / (double) Math.max(1, fit.size());
        return new WinModel(Kind.LOGISTIC, scaling, shares, weights, intercept, slope, offset,
                stageRates(fit).stageRates(), overall);
    }

    private static boolean bothOutcomes(List<TrainingExample> examples) {
        return examples.stream().anyMatch(TrainingExample::won) && !examples.stream().allMatch(TrainingExample::won);
    }

    /** Fewer passes over more data: each pass over a large set already moves the weights far. */
    private static int epochs(int examples) {
        return Math.max(3, Math.min(20, 2_000_000 / Math.max(1, examples)));
    }

    private static List<TrainingExample> thin(List<TrainingExample> examples) {
        if (examples.size() <= MAX_FIT_EXAMPLES) {
            return examples;
        }
        List<TrainingExample> kept = new ArrayList<>(MAX_FIT_EXAMPLES);
        double step = examples.size() / (double) MAX_FIT_EXAMPLES;
        for (int i = 0; i < MAX_FIT_EXAMPLES; i++) {
            kept.add(examples.get((int) (i * step)));
        }
        return kept;
    }

    private static MutableDataset<Label> dataset() {
        LabelFactory labels = new LabelFactory();
        return new MutableDataset<>(new SimpleDataSourceProvenance("Funnel closed deals", labels), labels);
    }

    private static Label label(TrainingExample example) {
        return new Label(example.won() ? WON : LOST);
    }

    /** The weights on the log-odds of a win: the two classes' weights apart. */
    private static Map<String, Double> weightsOf(Model<Label> model) {
        Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
        Map<String, Double> weights = new HashMap<>();
        top.getOrDefault(WON, List.of()).forEach(p -> weights.merge(p.getA(), p.getB(), Double::sum));
        top.getOrDefault(LOST, List.of()).forEach(p -> weights.merge(p.getA(), -p.getB(), Double::sum));
        return weights;
    }

    private static Map<String, Scaling> scaling(List<TrainingExample> examples) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (TrainingExample example : examples) {
            DealFeatures.numbers(example.deal()).forEach((key, value) -> {
                double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
                sum[0] += value;
                sum[1] += value * value;
            });
        }
        Map<String, Scaling> scaling = new HashMap<>(neutralScaling());
        int n = Math.max(1, examples.size());
        sums.forEach((key, sum) -> {
            double mean = sum[0] / n;
            double variance = Math.max(0, sum[1] / n - mean * mean);
            scaling.put(key, new Scaling(mean, variance < 1e-12 ? 1 : Math.sqrt(variance)));
        });
        return scaling;
    }

    /** The categories common enough to learn a weight for, each with its share of the examples. */
    private static Map<String, Double> categoryShares(List<TrainingExample> examples) {
        Map<String, Integer> counts = new HashMap<>();
        for (TrainingExample example : examples) {
            for (String name : distinctNames(example)) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        Map<Family, List<Map.Entry<String, Integer>>> byFamily = new HashMap<>();
        counts.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_CATEGORY_EXAMPLES)
                .forEach(e -> byFamily.computeIfAbsent(Family.ofFeature(e.getKey()), f -> new ArrayList<>()).add(e));
        Map<String, Double> shares = new HashMap<>();
        byFamily.values().forEach(entries -> entries.stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES_PER_FAMILY)
                .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) examples.size())));
        return shares;
    }

    private static Set<String> distinctNames(TrainingExample example) {
        Set<String> names = new LinkedHashSet<>();
        for (Category category : DealFeatures.categories(example.deal())) {
            names.add(category.featureName());
        }
        return names;
    }

    /** Numbers on their training scale, then an indicator for each kept category. */
    private static ArrayExample<Label> example(TrainingExample example, Map<String, Scaling> scaling,
                                               Map<String, Double> shares) {
        Map<String, Double> numbers = DealFeatures.numbers(example.deal());
        List<String> names = new ArrayList<>(numbers.keySet());
        List<Double> values = new ArrayList<>();
        numbers.forEach((key, value) -> values.add(scaling.get(key).scale(value)));
        for (String name : distinctNames(example)) {
            if (shares.containsKey(name)) {
                names.add(name);
                values.add(1.0);
            }
        }
        return new ArrayExample<>(label(example), names.toArray(String[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
