package dev.funnel.scoring;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.DealRatings;
import dev.funnel.pipeline.DealScoreView;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.scoring.internal.ScoreStore;
import dev.funnel.scoring.internal.ScoringRun;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The scorers' verdicts on deals, and their administration: which scorer is primary (its probability is the
 * deal's win probability everywhere), training the ones that learn, scoring again on demand. Scoring itself runs
 * outside any user's transaction, after changes and on a schedule (docs/scoring.md).
 */
@Service
public class ScoringService implements dev.funnel.pipeline.DealScoreSource {

    private static final TypeReference<List<Map<String, Object>>> FACTORS = new TypeReference<>() {
    };

    private final ScoringRun run;
    private final ScoreStore store;
    private final OpportunityService opportunities;
    private final DealRatings ratings;
    private final UserService users;
    private final ObjectMapper json;

    ScoringService(ScoringRun run, ScoreStore store, OpportunityService opportunities, DealRatings ratings,
                   UserService users, ObjectMapper json) {
        this.run = run;
        this.store = store;
        this.opportunities = opportunities;
        this.ratings = ratings;
        this.users = users;
        this.json = json;
    }

    /** Each scorer's verdict on a deal the caller may see, the primary one first. */
    @Override
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public List<DealScoreView> scores(long opportunityId, Locale locale) {
        opportunities.get(opportunityId);
        boolean admin = users.current().roles().contains(Role.ADMIN);
        Optional<String> primary = store.primary();
        Map<String, String> names = names(locale);
        return store.forDeal(opportunityId).stream()
                .map(s -> new DealScoreView(s.scorerId(), names.getOrDefault(s.scorerId(), s.scorerId()),
                        s.probability(), s.grade(), factors(s.factorsJson(), locale), s.modelVersion(),
                        s.computedAt(), primary.map(s.scorerId()::equals).orElse(false),
                        s.failure() != null || s.probability() == null, admin ? s.failure() : null))
                .sorted(java.util.Comparator.comparing((DealScoreView v) -> !v.primary())
                        .thenComparing(DealScoreView::scorerId))
                .toList();
    }

    /** Scores a deal the caller may see again now, with every scorer; answers the new verdicts. */
    @Override
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public List<DealScoreView> rescore(long opportunityId, Locale locale) {
        opportunities.get(opportunityId);
        run.score(List.of(opportunityId));
        return scores(opportunityId, locale);
    }

    @RolesAllowed(Role.Names.ADMIN)
    public List<ScorerStatus> scorers(Locale locale) {
        Optional<String> primary = store.primary();
        Optional<String> gradeSource = store.gradeSource();
        return run.scorers().stream().map(scorer -> {
            var stored = store.model(scorer.id());
            ScorerStatus.Model model = stored.filter(ScoreStore.StoredModel::usable)
                    .map(m -> new ScorerStatus.Model(m.version(), m.trainedAt(),
                            m.examples() == null ? 0 : m.examples(), run.report(m.reportJson())))
                    .orElse(null);
            return new ScorerStatus(scorer.id(), scorer.name().in(locale), scorer.pluginId(), scorer.learns(),
                    primary.map(scorer.id()::equals).orElse(false),
                    gradeSource.map(scorer.id()::equals).orElse(false), model,
                    stored.map(ScoreStore.StoredModel::failure).orElse(null),
                    stored.map(ScoreStore.StoredModel::failedAt).orElse(null));
        }).toList();
    }

    /**
     * Makes a scorer's probability the deals' win probability, and puts its stored verdicts on the deals at once.
     */
    @RolesAllowed(Role.Names.ADMIN)
    public void choosePrimary(String scorerId) {
        if (scorerId == null || scorerId.isBlank()) {
            store.setPrimary(null);
            ratings.clearWinProbabilities();
            return;
        }
        ScoringRun.Scorer scorer = scorer(scorerId);
        store.setPrimary(scorer.id());
        ratings.clearWinProbabilities();
        List<Long> open = ratings.openDeals();
        ratings.recordWinProbabilities(store.probabilities(scorer.id(), open));
    }

    /**
     * Lets the deals' grade follow a grading scorer's verdicts (null: the grade is the reps' to set again), and
     * grades the open deals by it in the background.
     */
    @RolesAllowed(Role.Names.ADMIN)
    public void chooseGradeSource(String scorerId) {
        if (scorerId == null || scorerId.isBlank()) {
            store.setGradeSource(null);
            ratings.gradesFollowScorer(false);
            return;
        }
        ScoringRun.Scorer scorer = scorer(scorerId);
        store.setGradeSource(scorer.id());
        ratings.gradesFollowScorer(true);
        run.scoreOpenDealsInBackground();
    }

    /**
     * Trains a learning scorer on the company's closed deals now, then scores the open deals with it in the
     * background.
     */
    @RolesAllowed(Role.Names.ADMIN)
    public ScorerStatus train(String scorerId, Locale locale) {
        ScoringRun.Scorer scorer = scorer(scorerId);
        if (!scorer.learns()) {
            throw InvalidInputException.of("scorerId", "validation.scorer.does-not-learn", scorerId);
        }
        ScoringRun.Training training = run.train(scorer);
        if (training.failure() == null) {
            run.scoreOpenDealsInBackground();
        }
        return scorers(locale).stream().filter(s -> s.id().equals(scorerId)).findFirst().orElseThrow();
    }

    /**
     * Trains a learning scorer off the caller's thread (a training may take minutes), then scores the open deals
     * with it; a training of the same scorer already under way is not started twice. The result shows in
     * {@link #scorers} once done.
     */
    @RolesAllowed(Role.Names.ADMIN)
    public void trainInBackground(String scorerId) {
        ScoringRun.Scorer scorer = scorer(scorerId);
        if (!scorer.learns()) {
            throw InvalidInputException.of("scorerId", "validation.scorer.does-not-learn", scorerId);
        }
        run.retrainInBackground(scorer);
    }

    /** Scores every open deal again with every scorer; answers how many verdicts were stored. */
    @RolesAllowed(Role.Names.ADMIN)
    public int rescoreAll() {
        return run.score(ratings.openDeals());
    }

    private ScoringRun.Scorer scorer(String scorerId) {
        return run.scorers().stream().filter(s -> s.id().equals(scorerId)).findFirst()
                .orElseThrow(() -> new NotFoundException("scorer", scorerId));
    }

    private Map<String, String> names(Locale locale) {
        Map<String, String> names = new java.util.HashMap<>();
        run.scorers().forEach(s -> names.put(s.id(), s.name().in(locale)));
        return names;
    }

    private List<DealScoreView.Factor> factors(String stored, Locale locale) {
        if (stored == null) {
            return List.of();
        }
        try {
            boolean chinese = "zh".equals(locale.getLanguage());
            return json.readValue(stored, FACTORS).stream()
                    .map(f -> new DealScoreView.Factor((String) f.get("key"),
                            ((Number) f.get("contribution")).doubleValue(),
                            (String) f.get(chinese ? "zh" : "en")))
                    .toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored factors could not be read", e);
        }
    }
}
