package dev.funnel.scoring.web;

import dev.funnel.pipeline.DealScoreView;
import dev.funnel.scoring.ScorerStatus;
import dev.funnel.scoring.ScoringService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scores over REST: each scorer's verdict on a deal with its factors (in the request's language), scoring a
 * deal again, and for administrators the scorers, the primary one, and training.
 */
@RestController
@Tag(name = "Scoring")
class ScoringController {

    private final ScoringService scoring;

    ScoringController(ScoringService scoring) {
        this.scoring = scoring;
    }

    @GetMapping("/api/v1/opportunities/{id}/scores")
    @Operation(summary = "Each scorer's verdict on the opportunity: win probability (0-1), grade, factors, model "
            + "version, when computed; 'failure' says why a verdict is missing (administrators only)")
    List<DealScoreView> scores(@PathVariable long id, Locale locale) {
        return scoring.scores(id, locale);
    }

    @PostMapping("/api/v1/opportunities/{id}/scores")
    @Operation(summary = "Scores the opportunity again now with every scorer and answers the new verdicts")
    List<DealScoreView> rescore(@PathVariable long id, Locale locale) {
        return scoring.rescore(id, locale);
    }

    @GetMapping("/api/v1/admin/scoring")
    @Operation(summary = "The scorers the plugins offer, which is primary, and each learning scorer's model with "
            + "its out-of-time figures (AUC, Brier score, reliability) beside the stage-probability baseline")
    List<ScorerStatus> scorers(Locale locale) {
        return scoring.scorers(locale);
    }

    /** A scorer chosen for a role: primary, or the source of the deals' grades. */
    record PrimaryRequest(String scorerId) {
    }

    @PutMapping("/api/v1/admin/scoring/primary")
    @Operation(summary = "Chooses the primary scorer: its probability is every deal's winProbability")
    List<ScorerStatus> choosePrimary(@RequestBody PrimaryRequest request, Locale locale) {
        scoring.choosePrimary(request.scorerId());
        return scoring.scorers(locale);
    }

    @PutMapping("/api/v1/admin/scoring/grades")
    @Operation(summary = "Lets the deals' grade follow a grading scorer (such as deal-grade); scorerId null lets "
            + "reps set grades again")
    List<ScorerStatus> chooseGradeSource(@RequestBody PrimaryRequest request, Locale locale) {
        scoring.chooseGradeSource(request.scorerId());
        return scoring.scorers(locale);
    }

    @PostMapping("/api/v1/admin/scoring/{scorerId}/train")
    @Operation(summary = "Trains a learning scorer on the company's closed deals now (each as it stood before its "
            + "close), then scores the open deals; answers the scorer with its new model and figures")
    ScorerStatus train(@PathVariable String scorerId, Locale locale) {
        return scoring.train(scorerId, locale);
    }
}
