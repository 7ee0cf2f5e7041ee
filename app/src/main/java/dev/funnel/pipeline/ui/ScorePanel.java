package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.funnel.pipeline.DealScoreView;
import dev.funnel.platform.Formats;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Supplier;

/**
 * "Why this score": each scorer's verdict on the deal with the factors that decided it, strongest first, in the
 * reader's language; a scorer without a verdict says so (administrators see why); the deal can be scored again.
 */
class ScorePanel extends Div {

    private final Supplier<List<DealScoreView>> rescore;

    ScorePanel(List<DealScoreView> verdicts, Supplier<List<DealScoreView>> rescore) {
        this.rescore = rescore;
        addClassName("funnel-score-panel");
        show(verdicts);
    }

    private void show(List<DealScoreView> verdicts) {
        removeAll();
        if (verdicts.isEmpty()) {
            add(new Paragraph(getTranslation("score.none")));
        }
        for (DealScoreView verdict : verdicts) {
            add(verdict(verdict));
        }
        Button again = new Button(getTranslation("score.again"), e -> show(rescore.get()));
        again.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        again.setId("score-again");
        add(again);
    }

    private Div verdict(DealScoreView verdict) {
        Div box = new Div();
        box.addClassName("funnel-score-verdict");
        box.getElement().setAttribute("data-scorer", verdict.scorerId());
        H4 title = new H4(verdict.scorerName() + (verdict.primary() ? " · " + getTranslation("score.primary") : ""));
        box.add(title);
        if (verdict.unavailable()) {
            Span unavailable = new Span(getTranslation("score.unavailable"));
            unavailable.getElement().getThemeList().add("badge error");
            box.add(unavailable);
            if (verdict.failure() != null) {
                Paragraph why = new Paragraph(verdict.failure());
                why.addClassName("funnel-score-failure");
                box.add(why);
            }
            if (verdict.probability() != null) {
                int last = verdict.probability().movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValue();
                box.add(new Paragraph(getTranslation("score.last", last)));
            }
            return box;
        }
        int percent = verdict.probability().movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValue();
        Span probability = new Span(getTranslation("score.probability", percent));
        probability.addClassName("funnel-score-probability");
        box.add(probability);
        if (verdict.grade() != null) {
            Span grade = new Span(getTranslation("score.grade", verdict.grade()));
            grade.getElement().getThemeList().add("badge");
            box.add(grade);
        }
        UnorderedList factors = new UnorderedList();
        factors.addClassName("funnel-score-factors");
        for (DealScoreView.Factor factor : verdict.factors()) {
            ListItem item = new ListItem();
            Span sign = new Span(factor.contribution() > 0 ? "▲" : factor.contribution() < 0 ? "▼" : "•");
            sign.addClassName(factor.contribution() > 0 ? "funnel-score-up"
                    : factor.contribution() < 0 ? "funnel-score-down" : "funnel-score-neutral");
            sign.getElement().setAttribute("aria-label", getTranslation(factor.contribution() > 0 ? "score.raises"
                    : factor.contribution() < 0 ? "score.lowers" : "score.neutral"));
            item.add(sign, new Span(" " + factor.text()));
            factors.add(item);
        }
        box.add(factors);
        Span when = new Span(getTranslation("score.computed", Formats.dateTime(verdict.computedAt(), java.time.ZoneId.systemDefault(), getLocale()),
                verdict.modelVersion() == null ? "–" : verdict.modelVersion()));
        when.addClassName("funnel-muted");
        box.add(when);
        return box;
    }
}
