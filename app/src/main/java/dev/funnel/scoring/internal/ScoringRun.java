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
    /** Trainings a scoring run asked for, one at a time. */
    private final java.util.concurrent.ExecutorService retrainer = java.util.concurrent.Executors
            .newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "funnel-scoring-training");
                thread.setDaemon(true);
                return thread;
            });
    private final java.util.Set<String> retrainWanted = ConcurrentHashMap.newKeySet();
    /** Beyond this many, only this many of the closed deals' weekly moments are drawn, each week alike. */
    private final int maxTrainingSnapshots;
    /** Models read from the database, by scorer, kept until a newer one is trained. */
    private final Map<String, CachedModel> models = new ConcurrentHashMap<>();

    ScoringRun(ExtensionGuard guard, DealHistory history, ScoreStore store, DealRatings ratings, ObjectMapper json,
               Clock clock, @Value("${funnel.scoring.score-timeout:2s}") Duration scoreLimit,
               @Value("${funnel.scoring.training-timeout:10m}") Duration trainingLimit,
               @Value("${funnel.scoring.max-training-snapshots:400000}") int maxTrainingSnapshots) {
        this.maxTrainingSnapshots = maxTrainingSnapshots;
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
    public record Scorer(OpportunityScorer extension, String id, LocalizedText name, boolean learns, String pluginId) {
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
                String pluginId = guard.pluginIdOf(extension).orElse(null);
                scorer = guard.call(extension, s -> new Scorer(s, s.id(), s.name(), s.learns(), pluginId))
                        .orElse(null);
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
     * scorer's probability and the grades on the deals. A scorer that cannot read its stored model is not asked
     * again in this run; the model is set aside and the scorer trained again in the background.
     *
     * @return how many verdicts were stored
     */
    public int score(Collection<Long> opportunityIds) {
        List<Scorer> scorers = scorers();
        if (scorers.isEmpty() || opportunityIds.isEmpty()) {
            return 0;
        }
        List<Long> ids = List.copyOf(opportunityIds);
        Optional<String> primary = store.primary();
        Optional<String> gradeSource = store.gradeSource();
        java.util.Set<String> unreadable = ConcurrentHashMap.newKeySet();
        int stored = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            Instant now = clock.instant();
            List<DealSnapshot> deals = history.asOf(ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
                    .map(id -> new DealHistory.Moment(id, now)).toList());
            stored += scoreBatch(scorers, deals, now, primary, gradeSource, unreadable);
        }
        scorers.stream().filter(s -> unreadable.contains(s.id())).forEach(this::retrainInBackground);
        return stored;
    }

    private int scoreBatch(List<Scorer> scorers, List<DealSnapshot> deals, Instant asOf, Optional<String> primary,
                           Optional<String> gradeSource, java.util.Set<String> unreadable) {
        OffsetDateTime at = asOf.atOffset(java.time.ZoneOffset.UTC);
        List<ScoreStore.StoredScore> verdicts = new ArrayList<>();
        Map<Long, BigDecimal> primaryProbabilities = new LinkedHashMap<>();
        Map<Long, String> grades = new LinkedHashMap<>();
        for (Scorer scorer : scorers) {
            ScoringModel model = scorer.learns() ? model(scorer.id()) : null;
            for (DealSnapshot deal : deals) {
                if (unreadable.contains(scorer.id())) {
                    verdicts.add(ScoreStore.StoredScore.failed(deal.id(), scorer.id(),
                            "The scorer's model could not be read; it is being trained again", at));
                    continue;
                }
                ExtensionGuard.Attempt<DealScore> attempt = guard.attempt(scorer.extension(),
                        s -> s.score(deal, model), scoreLimit);
                if (attempt.hostSide()) {
                    // nothing the scorer did: its last verdicts stand, the next run asks again
                    continue;
                }
                if (attempt.threw(IncompatibleModelException.class)) {
                    unreadable.add(scorer.id());
                    discard(scorer.id(), model, attempt.failure());
                }
                if (attempt.answer().isEmpty()) {
                    verdicts.add(ScoreStore.StoredScore.failed(deal.id(), scorer.id(), attempt.failure(), at));
                    continue;
                }
                ScoreStore.StoredScore verdict = stored(deal.id(), scorer.id(), attempt.answer().get(), model, at);
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
        // version, bytes and report of one training, read together
        Optional<ScoreStore.ModelData> data = store.modelData(scorerId);
        if (data.isEmpty()) {
            return null;
        }
        ScoringModel model = new ScoringModel(data.get().version(), data.get().bytes(),
                report(data.get().reportJson()));
        models.put(scorerId, new CachedModel(data.get().trainedAt(), model));
        return model;
    }

    /** Sets aside the model the scorer could not read, unless a newer one was trained meanwhile. */
    private void discard(String scorerId, ScoringModel unreadable, String why) {
        CachedModel cached = models.remove(scorerId);
        log.warn("The stored model of scorer {} cannot be read and is set aside until it is trained again: {}",
                scorerId, why);
        if (cached != null && cached.model().equals(unreadable)) {
            store.discardModel(scorerId, cached.trainedAt(), "The stored model could not be read: " + why,
                    OffsetDateTime.now(clock));
        }
    }

    /**
     * Trains a scorer again off any user's thread, once at a time per scorer, then scores the open deals with
     * the new model.
     */
    public void retrainInBackground(Scorer scorer) {
        if (retrainWanted.add(scorer.id())) {
            retrainer.execute(() -> {
                try {
                    if (train(scorer).failure() == null) {
                        score(ratings.openDeals());
                    }
                } catch (RuntimeException e) {
                    log.warn("Training scorer {} again failed: {}", scorer.id(), e.getMessage(), e);
                } finally {
                    retrainWanted.remove(scorer.id());
                }
            });
        }
    }

    /** Scores every open deal off the caller's thread (after an administrator's choice or a training). */
    public void scoreOpenDealsInBackground() {
        retrainer.execute(() -> {
            try {
                score(ratings.openDeals());
            } catch (RuntimeException e) {
                log.warn("Scoring the open deals failed: {}", e.getMessage(), e);
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        retrainer.shutdownNow();
    }

    /**
     * Waits until the trainings and scoring runs queued in the background so far are done: for an orderly look
     * at the results (tests, the benchmark), never on a user's request.
     */
    public void awaitBackground(Duration limit) throws InterruptedException {
        try {
            retrainer.submit(() -> { }).get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the background scoring did not finish within " + limit, e);
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
        if (model.version().isBlank() || model.version().length() > 200) {
            String why = scorer.extension().getClass().getName() + " answered a model version that is blank or "
                    + "longer than 200 characters";
            store.saveTrainingFailure(scorer.id(), why, now);
            return new Training(scorer.id(), null, null, examples.size(), why);
        }
        store.saveModel(scorer.id(), model.version(), model.data(), write(model.report()), examples.size(), now);
        models.remove(scorer.id());
        log.info("Scorer {} trained on {} closed deals: model {}", scorer.id(), examples.size(), model.version());
        return new Training(scorer.id(), model.report(), model.version(), examples.size(), null);
    }

    /**
     * The closed deals as the pipeline held them at the start of every week of their lives (Monday 00:00 in the
     * company's zone): the moments are fixed by the calendar, not by when a deal closed, so a deal contributes
     * one example for each week it was open, as an open deal is scored in any week of its life. A deal open for
     * less than a week may fall between two Mondays and give none.
     */
    List<TrainingExample> trainingExamples() {
        java.time.ZoneId zone = clock.getZone();
        Map<Long, DealHistory.ClosedDeal> byId = new LinkedHashMap<>();
        List<DealHistory.Moment> moments = new ArrayList<>();
        List<DealHistory.ClosedDeal> closed = history.closedDeals();
        long all = 0;
        for (DealHistory.ClosedDeal deal : closed) {
            all += mondaysBetween(deal.createdAt(), deal.closedAt(), zone).size();
        }
        double share = all <= maxTrainingSnapshots ? 1 : maxTrainingSnapshots / (double) all;
        for (DealHistory.ClosedDeal deal : closed) {
            byId.put(deal.opportunityId(), deal);
            for (Instant monday : mondaysBetween(deal.createdAt(), deal.closedAt(), zone)) {
                if (drawn(deal.opportunityId(), monday, share)) {
                    moments.add(new DealHistory.Moment(deal.opportunityId(), monday));
                }
            }
        }
        List<TrainingExample> examples = new ArrayList<>();
        for (int from = 0; from < moments.size(); from += BATCH) {
            for (DealSnapshot snapshot : history.asOf(moments.subList(from, Math.min(moments.size(),
                    from + BATCH)))) {
                DealHistory.ClosedDeal deal = byId.get(snapshot.id());
                examples.add(new TrainingExample(snapshot, deal.won(), deal.closedAt()));
            }
        }
        examples.sort(Comparator.comparing(TrainingExample::closedAt).thenComparing(e -> e.deal().id())
                .thenComparing(e -> e.deal().asOf()));
        return examples;
    }

    /**
     * Whether a week of a deal's life is among the snapshots built, when only a share of them can be: each week
     * alike, whatever the deal's length (which its outcome shapes), decided by the deal and the week alone so that
     * the same history always gives the same examples.
     */
    static boolean drawn(long dealId, Instant monday, double share) {
        return share >= 1 || new java.util.SplittableRandom(dealId * 0x9E3779B97F4A7C15L ^ monday.getEpochSecond())
                .nextDouble() < share;
    }

    /** The starts of the weeks (Monday 00:00) strictly between the two instants. */
    static List<Instant> mondaysBetween(Instant from, Instant to, java.time.ZoneId zone) {
        List<Instant> mondays = new ArrayList<>();
        java.time.LocalDate day = java.time.LocalDate.ofInstant(from, zone)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        for (Instant monday = day.atStartOfDay(zone).toInstant(); monday.isBefore(to);
             day = day.plusWeeks(1), monday = day.atStartOfDay(zone).toInstant()) {
            mondays.add(monday);
        }
        return mondays;
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
