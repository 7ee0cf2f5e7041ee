package dev.funnel.plugins.winprobability;

import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.IncompatibleModelException;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.ScoreFactor;
import dev.funnel.plugins.winprobability.DealFeatures.Category;
import dev.funnel.plugins.winprobability.DealFeatures.Family;
import dev.funnel.plugins.winprobability.DealFeatures.Numeric;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as scoring reads it: a calibrated logistic model (its weights taken out of Tribuo after
 * training, so scoring is a sum and needs no library), or, with too few closed deals, each stage's historical
 * win rate. Both explain themselves: the logistic model by each feature's push away from the average deal of
 * the training set, in log-odds; the stage rates by the rate itself.
 *
 * @param scaling       each numeric feature's mean and standard deviation in training
 * @param categoryShare each kept category's share of the training examples (its average value)
 * @param weights       each feature's weight on the log-odds of a win: numbers on their scaled value, categories
 *                      on their indicator
 * @param plattSlope    the calibration's slope on the raw log-odds
 * @param plattOffset   the calibration's offset
 * @param stageRates    each stage's historical win rate, the fallback and the answer for an unseen stage
 */
record WinModel(Kind kind, Map<String, Scaling> scaling, Map<String, Double> categoryShare,
                Map<String, Double> weights, double intercept, double plattSlope, double plattOffset,
                Map<String, StageRate> stageRates, double overallRate) {

    /** Bumped whenever the bytes change shape: a model in another format is refused and trained again. */
    static final int FORMAT = 1;
    private static final int MAGIC = 0x46575031; // "FWP1"
    private static final int MAX_FACTORS = 6;

    enum Kind { LOGISTIC, STAGE_RATES }

    record Scaling(double mean, double deviation) {
        double scale(double value) {
            return (value - mean) / deviation;
        }
    }

    record StageRate(int examples, double rate) {
    }

    WinModel {
        scaling = Map.copyOf(scaling);
        categoryShare = Map.copyOf(categoryShare);
        weights = Map.copyOf(weights);
        stageRates = Map.copyOf(stageRates);
    }

    /** The raw log-odds of a win before calibration. */
    double rawLogit(DealSnapshot deal) {
        double logit = intercept;
        for (Map.Entry<String, Double> number : DealFeatures.numbers(deal).entrySet()) {
            Scaling scale = scaling.get(number.getKey());
            logit += weights.getOrDefault(number.getKey(), 0.0) * scale.scale(number.getValue());
        }
        for (Category category : DealFeatures.categories(deal)) {
            logit += weights.getOrDefault(category.featureName(), 0.0);
        }
        return logit;
    }

    double probability(DealSnapshot deal) {
        if (kind == Kind.STAGE_RATES) {
            return stageRate(deal);
        }
        return sigmoid(plattSlope * rawLogit(deal) + plattOffset);
    }

    private double stageRate(DealSnapshot deal) {
        StageRate rate = stageRates.get(deal.stageKey());
        return rate != null ? rate.rate() : deal.stageProbability() / 100.0;
    }

    static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    DealScore score(DealSnapshot deal) {
        double probability = probability(deal);
        if (kind == Kind.STAGE_RATES) {
            StageRate rate = stageRates.get(deal.stageKey());
            int percent = (int) Math.round(probability * 100);
            LocalizedText text = rate == null
                    ? LocalizedText.of("No closed deal has passed stage " + deal.stageKey()
                            + " yet: its default probability of " + percent + "% is used",
                            "尚无已关闭商机经过阶段 " + deal.stageKey() + "，使用其默认赢率 " + percent + "%")
                    : LocalizedText.of("Deals in stage " + deal.stageKey() + " were won " + percent
                            + "% of the time (" + rate.examples() + " weekly snapshots of closed deals)",
                            "处于阶段 " + deal.stageKey() + " 的商机历史赢单率为 " + percent + "%（"
                                    + rate.examples() + " 个已关闭商机的每周快照）");
            return new DealScore(probability, null,
                    List.of(new ScoreFactor("stage_history", probability - overallRate, text)));
        }
        return new DealScore(probability, null, factors(deal));
    }

    /** Each factor's push on the calibrated log-odds, away from the training set's average deal. */
    private List<ScoreFactor> factors(DealSnapshot deal) {
        Map<String, Double> pushes = new LinkedHashMap<>();
        Map<String, Double> numbers = DealFeatures.numbers(deal);
        for (Map.Entry<String, Double> number : numbers.entrySet()) {
            double push = weights.getOrDefault(number.getKey(), 0.0)
                    * scaling.get(number.getKey()).scale(number.getValue());
            pushes.merge(factorOf(Numeric.of(number.getKey())), plattSlope * push, Double::sum);
        }
        // a category's average is its share: the average deal has a little of each
        java.util.Set<String> present = new java.util.HashSet<>();
        for (Category category : DealFeatures.categories(deal)) {
            present.add(category.featureName());
        }
        for (Map.Entry<String, Double> share : categoryShare.entrySet()) {
            double value = present.contains(share.getKey()) ? 1 : 0;
            double push = weights.getOrDefault(share.getKey(), 0.0) * (value - share.getValue());
            pushes.merge(factorOf(Family.ofFeature(share.getKey())), plattSlope * push, Double::sum);
        }
        List<ScoreFactor> factors = new ArrayList<>();
        pushes.entrySet().stream()
                .filter(e -> Math.abs(e.getValue()) >= 0.01)
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())))
                .limit(MAX_FACTORS)
                .forEach(e -> factors.add(new ScoreFactor(e.getKey(), e.getValue(),
                        FactorTexts.describe(e.getKey(), deal))));
        return factors;
    }

    private static String factorOf(Numeric numeric) {
        return switch (numeric) {
            case STAGE_POSITION, STAGE_PROBABILITY -> "stage";
            case DAYS_IN_STAGE -> "days_in_stage";
            case AGE -> "age";
            case AMOUNT, NO_AMOUNT -> "amount";
            case DAYS_TO_CLOSE, CLOSE_PASSED, NO_CLOSE_DATE -> "expected_close";
            case CLOSE_DATE_MOVES -> "close_date_moves";
            case PRODUCTS -> "products";
            case ACTIVITIES_7, ACTIVITIES_30, ACTIVITIES_90 -> "activities";
            case EXIT_CRITERIA -> "exit_criteria";
            case NEXT_STEP -> "next_step";
            case DECISION_MAKER -> "decision_maker";
            case EMPLOYEES, NO_EMPLOYEES -> "customer_size";
        };
    }

    private static String factorOf(Family family) {
        return switch (family) {
            case STAGE -> "stage";
            case SOURCE -> "lead_source";
            case INDUSTRY -> "industry";
            case REGION -> "region";
            case OWNER -> "owner";
            case PRODUCT -> "products";
            case ACTIVITY_TYPE -> "activities";
        };
    }

    byte[] write() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(kind.name());
            out.writeInt(scaling.size());
            for (Map.Entry<String, Scaling> entry : new java.util.TreeMap<>(scaling).entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeDouble(entry.getValue().mean());
                out.writeDouble(entry.getValue().deviation());
            }
            writeDoubles(out, categoryShare);
            writeDoubles(out, weights);
            out.writeDouble(intercept);
            out.writeDouble(plattSlope);
            out.writeDouble(plattOffset);
            out.writeInt(stageRates.size());
            for (Map.Entry<String, StageRate> entry : new java.util.TreeMap<>(stageRates).entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().examples());
                out.writeDouble(entry.getValue().rate());
            }
            out.writeDouble(overallRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeDoubles(DataOutputStream out, Map<String, Double> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, Double> entry : new java.util.TreeMap<>(values).entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeDouble(entry.getValue());
        }
    }

    /** Reads a stored model; anything else, damaged or of another format, is refused so the host retrains. */
    static WinModel read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IncompatibleModelException("not a win-probability model", null);
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IncompatibleModelException("model format " + format + ", this plugin reads " + FORMAT, null);
            }
            Kind kind = Kind.valueOf(in.readUTF());
            Map<String, Scaling> scaling = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                scaling.put(in.readUTF(), new Scaling(in.readDouble(), in.readDouble()));
            }
            for (Numeric numeric : Numeric.values()) {
                if (!scaling.containsKey(numeric.key)) {
                    throw new IncompatibleModelException("the model lacks feature " + numeric.key, null);
                }
            }
            Map<String, Double> shares = readDoubles(in);
            Map<String, Double> weights = readDoubles(in);
            double intercept = in.readDouble();
            double slope = in.readDouble();
            double offset = in.readDouble();
            Map<String, StageRate> rates = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                rates.put(in.readUTF(), new StageRate(in.readInt(), in.readDouble()));
            }
            double overall = in.readDouble();
            if (in.read() != -1) {
                throw new IncompatibleModelException("the model has trailing bytes", null);
            }
            boolean usable = Double.isFinite(intercept) && Double.isFinite(slope) && Double.isFinite(offset)
                    && Double.isFinite(overall)
                    && scaling.values().stream().allMatch(v -> Double.isFinite(v.mean()) && v.deviation() > 0
                            && Double.isFinite(v.deviation()))
                    && shares.values().stream().allMatch(Double::isFinite)
                    && weights.values().stream().allMatch(Double::isFinite)
                    && rates.values().stream().allMatch(r -> r.rate() >= 0 && r.rate() <= 1);
            if (!usable) {
                throw new IncompatibleModelException("the model holds numbers that cannot score", null);
            }
            return new WinModel(kind, scaling, shares, weights, intercept, slope, offset, rates, overall);
        } catch (IOException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IncompatibleModelException("the model cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Double> readDoubles(DataInputStream in) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            values.put(in.readUTF(), in.readDouble());
        }
        return values;
    }
}
