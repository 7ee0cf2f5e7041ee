package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Stage;

/** Chevrons for every stage: the passed ones ticked, the current one filled, Won and Lost at the end. */
class StagePath extends HorizontalLayout {

    StagePath(Pipeline pipeline, Opportunity deal) {
        addClassName("funnel-path");
        setSpacing(false);
        int current = pipeline.stages().stream().filter(s -> s.id() == deal.stageId()).mapToInt(Stage::position)
                .findFirst().orElse(0);
        for (Stage stage : pipeline.stages()) {
            Span step = new Span(stage.name(getLocale()));
            step.addClassName("funnel-path-step");
            if (stage.position() < current) {
                step.addClassName("done");
                step.addComponentAsFirst(VaadinIcon.CHECK.create());
            } else if (stage.position() == current && deal.status() == OpportunityStatus.OPEN) {
                step.addClassName("current");
            }
            add(step);
        }
        Span outcome = new Span(getTranslation(deal.status() == OpportunityStatus.LOST ? "status.lost" : "status.won"));
        outcome.addClassNames("funnel-path-step", "outcome",
                deal.status() == OpportunityStatus.WON ? "won" : deal.status() == OpportunityStatus.LOST ? "lost" : "todo");
        add(outcome);
    }
}
