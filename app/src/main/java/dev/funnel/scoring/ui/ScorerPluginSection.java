package dev.funnel.scoring.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import dev.funnel.plugin.ui.PluginPageSection;
import dev.funnel.scoring.ScorerStatus;
import dev.funnel.scoring.ScoringService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** On a scoring plugin's page: each of its scorers' model figures, and the way to the scoring settings. */
@org.springframework.stereotype.Component
class ScorerPluginSection implements PluginPageSection {

    private final ScoringService scoring;

    ScorerPluginSection(ScoringService scoring) {
        this.scoring = scoring;
    }

    @Override
    public List<com.vaadin.flow.component.Component> sectionsFor(String pluginId, Locale locale) {
        List<com.vaadin.flow.component.Component> sections = new ArrayList<>();
        for (ScorerStatus scorer : scoring.scorers(locale)) {
            if (!pluginId.equals(scorer.pluginId())) {
                continue;
            }
            Div section = new Div();
            section.addClassName("funnel-scorer-card");
            section.getElement().setAttribute("data-scorer", scorer.id());
            section.add(new H3(scorer.name()));
            if (scorer.learns()) {
                section.add(scorer.model() == null ? new Paragraph(section.getTranslation(locale, "scoring.model.none"))
                        : new ModelFigures(scorer.model(), locale));
            }
            section.add(new RouterLink(section.getTranslation(locale, "scoring.settings.link"), ScoringView.class));
            sections.add(section);
        }
        return sections;
    }
}
