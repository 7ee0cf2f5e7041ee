package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import dev.funnel.followup.FollowUp;
import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpType;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/** The opportunity's follow-ups, newest first, and a box to log one. */
class FollowUpPanel extends VerticalLayout {

    FollowUpPanel(Long customerId, long opportunityId, List<FollowUp> activities, Consumer<FollowUpDraft> log) {
        setPadding(false);
        Select<FollowUpType> type = new Select<>();
        type.setItems(FollowUpType.values());
        type.setItemLabelGenerator(t -> getTranslation("activity.type." + t.name()));
        type.setValue(FollowUpType.CALL);
        TextArea content = new TextArea();
        content.setPlaceholder(getTranslation("activity.content"));
        content.setWidthFull();
        FieldErrors errors = new FieldErrors(this).bind("type", type).bind("content", content);
        Button save = new Button(getTranslation("activity.log"), e -> errors.attempt(() -> log.accept(
                new FollowUpDraft(type.getValue(), null, content.getValue(), customerId, null, opportunityId))));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(type, content, save);
        form.addClassName("funnel-log-form");
        form.setWidthFull();
        form.setAlignItems(Alignment.END);
        // follow-ups belong to a customer: a deal imported without its account gets one first
        add(customerId == null ? new Span(getTranslation("activity.needs-customer")) : form);
        for (FollowUp activity : activities) {
            Span when = new Span(Formats.dateTime(activity.occurredAt(), ZoneId.systemDefault(), getLocale()) + " · "
                    + getTranslation("activity.type." + activity.type().name()) + " · " + activity.ownerName());
            when.addClassName("funnel-guide-note");
            Div entry = new Div(when, new Div(activity.content()));
            entry.addClassName("funnel-timeline-entry");
            add(entry);
        }
    }
}
