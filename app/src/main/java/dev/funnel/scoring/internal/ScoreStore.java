package dev.funnel.scoring.internal;

import static dev.funnel.jooq.Tables.APP_SETTING;
import static dev.funnel.jooq.Tables.DEAL_SCORE;
import static dev.funnel.jooq.Tables.SCORING_MODEL;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The scorers' verdicts per deal, the models learning scorers were trained to, and which scorer is primary. */
@Repository
public class ScoreStore {

    static final String PRIMARY_SETTING = "scoring.primary";
    static final String GRADES_SETTING = "scoring.grades";

    private final DSLContext db;

    ScoreStore(DSLContext db) {
        this.db = db;
    }

    /** A scorer's verdict on a deal as stored: a probability with its factors, or the reason it has none. */
    public record StoredScore(long opportunityId, String scorerId, BigDecimal probability, String grade,
                              String factorsJson, String modelVersion, String failure, OffsetDateTime computedAt) {

        /** A failed attempt: the scorer's last verdict, if any, stays beside the reason. */
        public static StoredScore failed(long opportunityId, String scorerId, String failure, OffsetDateTime at) {
            return new StoredScore(opportunityId, scorerId, null, null, null, null, failure, at);
        }
    }

    /** A model's version, bytes and report, of one training. */
    public static final class ModelData {

        private final String version;
        private final byte[] bytes;
        private final String reportJson;
        private final OffsetDateTime trainedAt;

        ModelData(String version, byte[] bytes, String reportJson, OffsetDateTime trainedAt) {
            this.version = version;
            this.bytes = bytes.clone();
            this.reportJson = reportJson;
            this.trainedAt = trainedAt;
        }

        public String version() {
            return version;
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public String reportJson() {
            return reportJson;
        }

        public OffsetDateTime trainedAt() {
            return trainedAt;
        }
    }

    /**
     * A learning scorer's model as stored, without its bytes ({@link #modelData}); {@code usable} false when the
     * last training failed before any model, or the model was set aside.
     */
    public record StoredModel(String scorerId, String version, boolean usable, String reportJson,
                              OffsetDateTime trainedAt, Integer examples, String failure, OffsetDateTime failedAt) {
    }

    /**
     * Replaces each scorer's verdict on the deals given, unless a verdict of a later moment is stored already (a
     * slow run must not overwrite what a later one found). A failed attempt records its reason and keeps the last
     * verdict's figures.
     */
    public void save(List<ScoreStore.StoredScore> scores) {
        if (scores.isEmpty()) {
            return;
        }
        db.batch(scores.stream().map(this::upsert).toList()).execute();
    }

    private org.jooq.Query upsert(StoredScore score) {
        String failure = cut(score.failure(), 1000);
        if (failure != null) {
            return db.insertInto(DEAL_SCORE)
                    .set(DEAL_SCORE.OPPORTUNITY_ID, score.opportunityId())
                    .set(DEAL_SCORE.SCORER_ID, score.scorerId())
                    .set(DEAL_SCORE.FAILURE, failure)
                    .set(DEAL_SCORE.COMPUTED_AT, score.computedAt())
                    .onConflict(DEAL_SCORE.OPPORTUNITY_ID, DEAL_SCORE.SCORER_ID).doUpdate()
                    .set(DEAL_SCORE.FAILURE, failure)
                    .set(DEAL_SCORE.COMPUTED_AT, score.computedAt())
                    .where(DEAL_SCORE.COMPUTED_AT.le(score.computedAt()));
        }
        return db.insertInto(DEAL_SCORE)
                .set(DEAL_SCORE.OPPORTUNITY_ID, score.opportunityId())
                .set(DEAL_SCORE.SCORER_ID, score.scorerId())
                .set(DEAL_SCORE.PROBABILITY, score.probability())
                .set(DEAL_SCORE.GRADE, score.grade())
                .set(DEAL_SCORE.FACTORS, score.factorsJson())
                .set(DEAL_SCORE.MODEL_VERSION, score.modelVersion())
                .set(DEAL_SCORE.COMPUTED_AT, score.computedAt())
                .onConflict(DEAL_SCORE.OPPORTUNITY_ID, DEAL_SCORE.SCORER_ID).doUpdate()
                .set(DEAL_SCORE.PROBABILITY, score.probability())
                .set(DEAL_SCORE.GRADE, score.grade())
                .set(DEAL_SCORE.FACTORS, score.factorsJson())
                .set(DEAL_SCORE.MODEL_VERSION, score.modelVersion())
                .setNull(DEAL_SCORE.FAILURE)
                .set(DEAL_SCORE.COMPUTED_AT, score.computedAt())
                .where(DEAL_SCORE.COMPUTED_AT.le(score.computedAt()));
    }

    private static String cut(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    /**
     * Every scorer's verdict on a deal. Its caller checked that the person asking may see the deal.
     */
    public List<StoredScore> forDeal(long opportunityId) {
        return db.selectFrom(DEAL_SCORE).where(DEAL_SCORE.OPPORTUNITY_ID.eq(opportunityId))
                .orderBy(DEAL_SCORE.SCORER_ID)
                .fetch(r -> new StoredScore(r.getOpportunityId(), r.getScorerId(), r.getProbability(), r.getGrade(),
                        r.getFactors(), r.getModelVersion(), r.getFailure(),
                        r.getComputedAt()));
    }

    /** The scorer's current probability per deal, for the deals given that have one. */
    public java.util.Map<Long, BigDecimal> probabilities(String scorerId, Collection<Long> opportunityIds) {
        return db.select(DEAL_SCORE.OPPORTUNITY_ID, DEAL_SCORE.PROBABILITY).from(DEAL_SCORE)
                .where(DEAL_SCORE.SCORER_ID.eq(scorerId)).and(DEAL_SCORE.OPPORTUNITY_ID.in(opportunityIds))
                .and(DEAL_SCORE.PROBABILITY.isNotNull())
                .fetchMap(DEAL_SCORE.OPPORTUNITY_ID, DEAL_SCORE.PROBABILITY);
    }

    public Optional<StoredModel> model(String scorerId) {
        return db.select(SCORING_MODEL.SCORER_ID, SCORING_MODEL.VERSION, SCORING_MODEL.DATA.isNotNull(),
                        SCORING_MODEL.REPORT, SCORING_MODEL.TRAINED_AT, SCORING_MODEL.EXAMPLES,
                        SCORING_MODEL.FAILURE, SCORING_MODEL.FAILED_AT)
                .from(SCORING_MODEL).where(SCORING_MODEL.SCORER_ID.eq(scorerId))
                .fetchOptional(r -> new StoredModel(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8()));
    }

    /** The scorer's stored model. */
    public Optional<ModelData> modelData(String scorerId) {
        return db.select(SCORING_MODEL.VERSION, SCORING_MODEL.DATA, SCORING_MODEL.REPORT, SCORING_MODEL.TRAINED_AT)
                .from(SCORING_MODEL).where(SCORING_MODEL.SCORER_ID.eq(scorerId))
                .and(SCORING_MODEL.DATA.isNotNull())
                .fetchOptional(r -> new ModelData(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public void saveModel(String scorerId, String version, byte[] data, String reportJson, int examples,
                          OffsetDateTime at) {
        db.insertInto(SCORING_MODEL)
                .set(SCORING_MODEL.SCORER_ID, scorerId)
                .set(SCORING_MODEL.VERSION, version).set(SCORING_MODEL.DATA, data)
                .set(SCORING_MODEL.REPORT, reportJson).set(SCORING_MODEL.TRAINED_AT, at)
                .set(SCORING_MODEL.EXAMPLES, examples)
                .onConflict(SCORING_MODEL.SCORER_ID).doUpdate()
                .set(SCORING_MODEL.VERSION, version).set(SCORING_MODEL.DATA, data)
                .set(SCORING_MODEL.REPORT, reportJson).set(SCORING_MODEL.TRAINED_AT, at)
                .set(SCORING_MODEL.EXAMPLES, examples)
                .setNull(SCORING_MODEL.FAILURE).setNull(SCORING_MODEL.FAILED_AT)
                .execute();
    }

    /** Why the last training failed; a model trained before stays in use. */
    public void saveTrainingFailure(String scorerId, String failure, OffsetDateTime at) {
        String cut = cut(failure, 1000);
        db.insertInto(SCORING_MODEL)
                .set(SCORING_MODEL.SCORER_ID, scorerId).set(SCORING_MODEL.FAILURE, cut)
                .set(SCORING_MODEL.FAILED_AT, at)
                .onConflict(SCORING_MODEL.SCORER_ID).doUpdate()
                .set(SCORING_MODEL.FAILURE, cut).set(SCORING_MODEL.FAILED_AT, at)
                .execute();
    }

    /** Sets a stored model aside, the one trained at that time: the scorer could not read it. */
    public void discardModel(String scorerId, OffsetDateTime trainedAt, String why, OffsetDateTime at) {
        db.update(SCORING_MODEL).setNull(SCORING_MODEL.DATA).setNull(SCORING_MODEL.VERSION)
                .set(SCORING_MODEL.FAILURE, cut(why, 1000)).set(SCORING_MODEL.FAILED_AT, at)
                .where(SCORING_MODEL.SCORER_ID.eq(scorerId)).and(SCORING_MODEL.TRAINED_AT.eq(trainedAt)).execute();
    }

    /** The scorer whose probability is the deals' win probability. */
    public Optional<String> primary() {
        return setting(PRIMARY_SETTING);
    }

    public void setPrimary(String scorerId) {
        setSetting(PRIMARY_SETTING, scorerId);
    }

    /** The scorer whose grade the deals' grade follows; none unless an administrator chose one. */
    public Optional<String> gradeSource() {
        return setting(GRADES_SETTING);
    }

    public void setGradeSource(String scorerId) {
        setSetting(GRADES_SETTING, scorerId);
    }

    private Optional<String> setting(String key) {
        return db.select(APP_SETTING.VALUE).from(APP_SETTING).where(APP_SETTING.KEY.eq(key))
                .fetchOptional(APP_SETTING.VALUE).filter(value -> !value.isBlank());
    }

    /** A blank value clears the choice. */
    private void setSetting(String key, String value) {
        String stored = value == null ? "" : value;
        db.insertInto(APP_SETTING).set(APP_SETTING.KEY, key).set(APP_SETTING.VALUE, stored)
                .onConflict(APP_SETTING.KEY).doUpdate().set(APP_SETTING.VALUE, stored).execute();
    }
}
