package dev.funnel.scoring.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.pipeline.DealRatings;
import dev.funnel.plugin.ExtensionGuard;
import dev.funnel.plugin.api.DealScore;
import dev.funnel.plugin.api.DealSnapshot;
import dev.funnel.plugin.api.IncompatibleModelException;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.ModelReport;
import dev.funnel.plugin.api.OpportunityScorer;
import dev.funnel.plugin.api.ScoreFactor;
import dev.funnel.plugin.api.ScoringModel;
import dev.funnel.plugin.api.TrainingExample;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls the scorers, always through the extension guard: scoring deals (a verdict or the reason there is none,
 * per deal and scorer), and training the scorers that learn. A scorer that fails, hangs or answers nonsense
 * costs its own verdicts only; nothing here runs inside a user's transaction.
 */
@Component
public class ScoringRun {

    private static final Logger log = LoggerFactory.getLogger(ScoringRun.class);
    /** Deals described and scored per batch: one statement of the history, bounded memory. */
    static final int BATCH = 500;
    /** Factors kept per verdict: the panel shows the strongest; the rest is noise to a rep. */
    static final int FACTORS_KEPT = 8;

    private final ExtensionGuard guard;
    private final DealHistory history;
    private final ScoreStore store;
    private final DealRatings ratings;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration scoreLimit;
    private final Duration trainingLimit;
    /** What each scorer instance said of itself, asked once (the instances live as long as their plugin). */
    private final Map<OpportunityScorer, Scorer> identities = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());
    /** Models read from the database, by scorer, kept until a newer one is trained. */
    private final Map<String, CachedModel> models = new ConcurrentHashMap<>();

    ScoringRun(ExtensionGuard guard, DealHistory history, ScoreStore store, DealRatings ratings, ObjectMapper json,
               Clock clock, @Value("${funnel.scoring.score-timeout:2s}") Duration scoreLimit,
               @Value("${funnel.scoring.training-timeout:10m}") Duration trainingLimit) {
        this.guard = guard;
        this.history = history;
        this.store = store;
        this.ratings = ratings;
        this.json = json;
        this.clock = clock;
        this.scoreLimit = scoreLimit;
        this.trainingLimit = trainingLimit;
    }

    /** A scorer the started plugins offer, with what it said of itself. */
    public record Scorer(OpportunityScorer extension, String id, LocalizedText name, boolean learns) {
    }

    private record CachedModel(OffsetDateTime trainedAt, ScoringModel model) {
    }

    /**
     * The scorers of the started plugins. What each says of itself is asked once and kept, so that a scorer whose
     * plugin is skipped for now after repeated failures is still known, and its deals say why they have no
     * verdict from it. One whose id cannot be read (yet) is left out, and shown against its plugin.
     */
    public List<Scorer> scorers() {
        Map<String, Scorer> byId = new LinkedHashMap<>();
        for (OpportunityScorer extension : guard.extensions(OpportunityScorer.class)) {
            Scorer scorer = identities.get(extension);
            if (scorer == null) {
                scorer = guard.call(extension, s -> new Scorer(s, s.id(), s.name(), s.learns())).orElse(null);
                if (scorer == null) {
                    continue;
                }
                if (scorer.id() == null || scorer.id().isBlank() || scorer.id().length() > 100
                        || scorer.name() == null) {
                    log.warn("A scorer of class {} gave no usable id or name and is left out", extension.getClass());
                    continue;
                }
                identities.put(extension, scorer);
            }
            byId.putIfAbsent(scorer.id(), scorer);
        }
        return List.copyOf(byId.values());
    }

    /**
     * Scores the open deals among those given with every scorer, stores each verdict, and puts the primary
     * scorer's probability and the grades on the deals.
     *
     * @return how many verdicts were stored
     */
    public int score(Collection<Long> opportunityIds) {
        List<Scorer> scorers = scorers();
        if (scorers.isEmpty() || opportunityIds.isEmpty()) {
            return 0;
        }
        List<Long> ids = List.copyOf(opportunityIds);
        java.util.Set<String> unreadable = ConcurrentHashMap.newKeySet();
        int stored = scoreAll(scorers, ids, unreadable);
        if (!unreadable.isEmpty()) {
            // a model the scorer cannot read is trained again from the deals, and the deals scored with it
            List<Scorer> retrained = scorers.stream().filter(s -> unreadable.contains(s.id()))
                    .filter(s -> train(s).failure() == null).toList();
            stored += scoreAll(retrained, ids, ConcurrentHashMap.newKeySet());
        }
        return stored;
    }

    private int scoreAll(List<Scorer> scorers, List<Long> ids, java.util.Set<String> unreadable) {
        Optional<String> primary = store.primary();
        Optional<String> gradeSource = store.gradeSource();
        int stored = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            Instant now = clock.instant();
            List<DealSnapshot> deals = history.asOf(ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
                    .map(id -> new DealHistory.Moment(id, now)).toList());
            stored += scoreBatch(scorers, deals, primary, gradeSource, unreadable);
        }
        return stored;
    }

    private int scoreBatch(List<Scorer> scorers, List<DealSnapshot> deals, Optional<String> primary,
                           Optional<String> gradeSource, java.util.Set<String> unreadable) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<ScoreStore.StoredScore> verdicts = new ArrayList<>();
        Map<Long, BigDecimal> primaryProbabilities = new LinkedHashMap<>();
        Map<Long, String> grades = new LinkedHashMap<>();
        for (Scorer scorer : scorers) {
            ScoringModel model = scorer.learns() && !unreadable.contains(scorer.id()) ? model(scorer.id()) : null;
            for (DealSnapshot deal : deals) {
                ExtensionGuard.Attempt<DealScore> attempt = guard.attempt(scorer.extension(),
                        s -> s.score(deal, model), scoreLimit);
                if (attempt.failedWith(IncompatibleModelException.class) && unreadable.add(scorer.id())) {
                    discard(scorer.id(), attempt.failure());
                }
                ScoreStore.StoredScore verdict = attempt.answer()
                        .map(score -> stored(deal.id(), scorer.id(), score, model, now))
                        .orElseGet(() -> new ScoreStore.StoredScore(deal.id(), scorer.id(), null, null, null,
                                model == null ? null : model.version(), attempt.failure(), now));
                verdicts.add(verdict);
                if (primary.isPresent() && primary.get().equals(scorer.id())) {
                    primaryProbabilities.put(deal.id(), verdict.probability());
                }
                if (verdict.grade() != null && gradeSource.isPresent() && gradeSource.get().equals(scorer.id())) {
                    grades.put(deal.id(), verdict.grade());
                }
            }
        }
        store.save(verdicts);
        ratings.recordWinProbabilities(primaryProbabilities);
        ratings.recordGrades(grades);
        return verdicts.size();
    }

    private ScoreStore.StoredScore stored(long dealId, String scorerId, DealScore score, ScoringModel model,
                                          OffsetDateTime now) {
        List<Map<String, Object>> factors = score.factors().stream()
                .sorted(Comparator.comparingDouble((ScoreFactor f) -> -Math.abs(f.contribution())))
                .limit(FACTORS_KEPT)
                .map(f -> Map.<String, Object>of("key", f.key(), "contribution", f.contribution(),
                        "en", f.text().en(), "zh", f.text().zh()))
                .toList();
        return new ScoreStore.StoredScore(dealId, scorerId,
                BigDecimal.valueOf(score.winProbability()).setScale(4, RoundingMode.HALF_UP), score.grade(),
                write(factors), model == null ? null : model.version(), null, now);
    }

    /** The scorer's stored model, or null when it has none (the scorer then falls back as it sees fit). */
    ScoringModel model(String scorerId) {
        Optional<ScoreStore.StoredModel> stored = store.model(scorerId).filter(ScoreStore.StoredModel::usable);
        if (stored.isEmpty()) {
            models.remove(scorerId);
            return null;
        }
        CachedModel cached = models.get(scorerId);
        if (cached != null && cached.trainedAt().equals(stored.get().trainedAt())) {
            return cached.model();
        }
        byte[] data = store.modelData(scorerId).orElse(null);
        if (data == null) {
            return null;
        }
        ScoringModel model = new ScoringModel(stored.get().version(), data, report(stored.get().reportJson()));
        models.put(scorerId, new CachedModel(stored.get().trainedAt(), model));
        return model;
    }

    private void discard(String scorerId, String why) {
        if (models.remove(scorerId) != null || store.model(scorerId).map(ScoreStore.StoredModel::usable).orElse(false)) {
            log.warn("The stored model of scorer {} cannot be read and is set aside until it is trained again: {}",
                    scorerId, why);
            store.discardModel(scorerId, "The stored model could not be read: " + why, OffsetDateTime.now(clock));
        }
    }

    /** What a training gave: the report, or why there is none. */
    public record Training(String scorerId, ModelReport report, String version, int examples, String failure) {
    }

    /** Trains one learning scorer on the company's closed deals, each as it stood before its close. */
    public Training train(Scorer scorer) {
        List<TrainingExample> examples = trainingExamples();
        OffsetDateTime now = OffsetDateTime.now(clock);
        ExtensionGuard.Attempt<ScoringModel> attempt = guard.attempt(scorer.extension(), s -> s.train(examples),
                trainingLimit);
        if (attempt.answer().isEmpty()) {
            store.saveTrainingFailure(scorer.id(), attempt.failure(), now);
            return new Training(scorer.id(), null, null, examples.size(), attempt.failure());
        }
        ScoringModel model = attempt.answer().get();
        store.saveModel(scorer.id(), model.version(), model.data(), write(model.report()), examples.size(), now);
        models.remove(scorer.id());
        log.info("Scorer {} trained on {} closed deals: model {}", scorer.id(), examples.size(), model.version());
        return new Training(scorer.id(), model.report(), model.version(), examples.size(), null);
    }

    /**
     * Each closed deal once, as it stood at a moment between its creation and its close picked from its id (the
     * same moment at every training, spread evenly over the deals' lives, as the open deals scored are).
     */
    List<TrainingExample> trainingExamples() {
        List<DealHistory.ClosedDeal> closed = history.closedDeals();
        Map<Long, DealHistory.ClosedDeal> byId = new LinkedHashMap<>();
        List<DealHistory.Moment> moments = new ArrayList<>();
        for (DealHistory.ClosedDeal deal : closed) {
            byId.put(deal.opportunityId(), deal);
            moments.add(new DealHistory.Moment(deal.opportunityId(), momentBeforeClose(deal)));
        }
        List<TrainingExample> examples = new ArrayList<>();
        for (int from = 0; from < moments.size(); from += BATCH) {
            for (DealSnapshot snapshot : history.asOf(moments.subList(from, Math.min(moments.size(),
                    from + BATCH)))) {
                DealHistory.ClosedDeal deal = byId.get(snapshot.id());
                examples.add(new TrainingExample(snapshot, deal.won(), deal.closedAt()));
            }
        }
        examples.sort(Comparator.comparing(TrainingExample::closedAt).thenComparing(e -> e.deal().id()));
        return examples;
    }

    /** A moment 5 % to 95 % of the way through the deal's life, fixed by its id. */
    static Instant momentBeforeClose(DealHistory.ClosedDeal deal) {
        long life = Duration.between(deal.createdAt(), deal.closedAt()).toMillis();
        long mixed = deal.opportunityId() * 0x9E3779B97F4A7C15L;
        double share = 0.05 + 0.9 * ((mixed >>> 11) / (double) (1L << 53));
        return deal.createdAt().plusMillis((long) (life * share));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + value, e);
        }
    }

    /** A stored report, as the scorer gave it. */
    public ModelReport report(String report) {
        try {
            return report == null ? null : json.readValue(report, ModelReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not read a model report: " + e.getMessage(), e);
        }
    }
}
