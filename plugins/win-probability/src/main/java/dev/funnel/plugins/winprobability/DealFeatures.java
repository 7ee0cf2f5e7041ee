package dev.funnel.plugins.winprobability;

import dev.funnel.plugin.api.DealSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model reads of a deal: numbers (scaled before training) and categories (one indicator each). Every
 * feature comes from the snapshot, which the host builds as of a moment before any close, so none can carry the
 * outcome. The deal's id never becomes a feature.
 */
final class DealFeatures {

    /** A category's family and its value, for example {@code stage} and {@code Proposal}. */
    record Category(Family family, String value) {
        String featureName() {
            return family.key + "=" + value;
        }
    }

    /** The kinds of categories, each explained to users as one factor. */
    enum Family {
        STAGE("stage"), SOURCE("source"), INDUSTRY("industry"), REGION("region"), OWNER("owner"),
        PRODUCT("product"), ACTIVITY_TYPE("activity");

        final String key;

        Family(String key) {
            this.key = key;
        }

        static Family ofFeature(String featureName) {
            String prefix = featureName.substring(0, featureName.indexOf('='));
            for (Family family : values()) {
                if (family.key.equals(prefix)) {
                    return family;
                }
            }
            throw new IllegalArgumentException(featureName);
        }
    }

    private DealFeatures() {
    }

    /** The deal's numbers, each already on a sensible scale (log of counts and amounts, ratios, indicators). */
    static Map<String, Double> numbers(DealSnapshot deal) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put(Numeric.STAGE_POSITION.key, deal.stageCount() == 0 ? 0.0
                : (double) deal.stagePosition() / deal.stageCount());
        numbers.put(Numeric.STAGE_PROBABILITY.key, deal.stageProbability() / 100.0);
        numbers.put(Numeric.DAYS_IN_STAGE.key, Math.log1p(Math.max(0, deal.daysInStage())));
        numbers.put(Numeric.AGE.key, Math.log1p(Math.max(0, deal.ageDays())));
        BigDecimal amount = deal.companyAmount() != null ? deal.companyAmount() : deal.amount();
        numbers.put(Numeric.AMOUNT.key, amount == null ? 0.0 : Math.log1p(Math.max(0, amount.doubleValue())));
        numbers.put(Numeric.NO_AMOUNT.key, amount == null ? 1.0 : 0.0);
        Integer toClose = deal.daysToExpectedClose();
        numbers.put(Numeric.DAYS_TO_CLOSE.key, toClose == null ? 0.0 : Math.max(-90, Math.min(365, toClose)) / 30.0);
        numbers.put(Numeric.CLOSE_PASSED.key, toClose != null && toClose < 0 ? 1.0 : 0.0);
        numbers.put(Numeric.NO_CLOSE_DATE.key, toClose == null ? 1.0 : 0.0);
        numbers.put(Numeric.CLOSE_DATE_MOVES.key, (double) Math.min(10, deal.closeDateMoves()));
        numbers.put(Numeric.PRODUCTS.key, (double) deal.products().size());
        int last7 = 0;
        int last30 = 0;
        int last90 = 0;
        for (DealSnapshot.ActivityCount count : deal.activities()) {
            last7 += count.last7Days();
            last30 += count.last30Days();
            last90 += count.last90Days();
        }
        numbers.put(Numeric.ACTIVITIES_7.key, Math.log1p(last7));
        numbers.put(Numeric.ACTIVITIES_30.key, Math.log1p(last30));
        numbers.put(Numeric.ACTIVITIES_90.key, Math.log1p(last90));
        numbers.put(Numeric.EXIT_CRITERIA.key, deal.exitCriteriaTotal() == 0 ? 0.0
                : (double) deal.exitCriteriaConfirmed() / deal.exitCriteriaTotal());
        numbers.put(Numeric.NEXT_STEP.key, deal.nextStepSet() ? 1.0 : 0.0);
        numbers.put(Numeric.DECISION_MAKER.key, deal.decisionMakerEngaged() ? 1.0 : 0.0);
        numbers.put(Numeric.EMPLOYEES.key, deal.customerEmployees() == null ? 0.0
                : Math.log1p(Math.max(0, deal.customerEmployees())));
        numbers.put(Numeric.NO_EMPLOYEES.key, deal.customerEmployees() == null ? 1.0 : 0.0);
        return numbers;
    }

    /** The deal's categories; the model keeps only those common enough in training to have a weight. */
    static List<Category> categories(DealSnapshot deal) {
        List<Category> categories = new ArrayList<>();
        categories.add(new Category(Family.STAGE, deal.stageKey()));
        add(categories, Family.SOURCE, deal.leadSource());
        add(categories, Family.INDUSTRY, deal.customerIndustry());
        add(categories, Family.REGION, deal.customerRegion());
        add(categories, Family.OWNER, deal.ownerId());
        deal.products().stream().distinct().forEach(code -> add(categories, Family.PRODUCT, code));
        for (DealSnapshot.ActivityCount count : deal.activities()) {
            if (count.last30Days() > 0) {
                add(categories, Family.ACTIVITY_TYPE, count.type());
            }
        }
        return categories;
    }

    private static void add(List<Category> categories, Family family, String value) {
        if (value != null && !value.isBlank()) {
            categories.add(new Category(family, value.strip()));
        }
    }

    /** The numeric features, by key, each explained to users as its own factor. */
    enum Numeric {
        STAGE_POSITION("stage_position"), STAGE_PROBABILITY("stage_probability"), DAYS_IN_STAGE("days_in_stage"),
        AGE("age"), AMOUNT("amount"), NO_AMOUNT("no_amount"), DAYS_TO_CLOSE("days_to_close"),
        CLOSE_PASSED("close_passed"), NO_CLOSE_DATE("no_close_date"), CLOSE_DATE_MOVES("close_date_moves"),
        PRODUCTS("products"), ACTIVITIES_7("activities_7"), ACTIVITIES_30("activities_30"),
        ACTIVITIES_90("activities_90"), EXIT_CRITERIA("exit_criteria"), NEXT_STEP("next_step"),
        DECISION_MAKER("decision_maker"), EMPLOYEES("employees"), NO_EMPLOYEES("no_employees");

        final String key;

        Numeric(String key) {
            this.key = key;
        }

        static Numeric of(String key) {
            for (Numeric numeric : values()) {
                if (numeric.key.equals(key)) {
                    return numeric;
                }
            }
            throw new IllegalArgumentException(key);
        }
    }
}
