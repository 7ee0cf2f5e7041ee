package dev.funnel.customer360.ui;

import dev.funnel.platform.Texts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.funnel.customer360.Customer360Service;
import dev.funnel.customer360.TimelinePage;
import dev.funnel.platform.Formats;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.platform.TimelineKind;
import java.time.ZoneId;
import java.util.Set;

/** The merged timeline, newest first, filtered by kind, a page at a time with 'Show more'. */
class TimelinePanel extends VerticalLayout {

    static final int PAGE = 50;

    private final Customer360Service service;
    private final long customerId;
    private final CheckboxGroup<TimelineKind> kinds = new CheckboxGroup<>();
    private final VerticalLayout entries = new VerticalLayout();
    private final Button more = new Button();
    private final Span empty = new Span();
    private TimelineCursor next;

    TimelinePanel(Customer360Service service, long customerId) {
        this.service = service;
        this.customerId = customerId;
        setPadding(false);
        kinds.setItems(TimelineKind.values());
        kinds.setItemLabelGenerator(k -> getTranslation("timeline.kind." + k.name()));
        kinds.addValueChangeListener(e -> reload());
        entries.setPadding(false);
        entries.setSpacing(false);
        more.setText(getTranslation("timeline.more"));
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        more.addClickListener(e -> load());
        empty.setText(getTranslation("timeline.empty"));
        empty.addClassName("funnel-empty-state");
        add(kinds, empty, entries, more);
        reload();
    }

    void reload() {
        entries.removeAll();
        next = null;
        load();
    }

    private void load() {
        Set<TimelineKind> shown = kinds.getValue();
        TimelinePage page = service.timeline(customerId, shown, next, PAGE);
        page.entries().forEach(entry -> entries.add(render(entry)));
        next = page.next();
        more.setVisible(next != null);
        empty.setVisible(entries.getComponentCount() == 0);
    }

    private Div render(TimelineEntry e) {
        String when = Formats.dateTime(e.at(), ZoneId.systemDefault(), getLocale());
        Span head = new Span(when + " · " + getTranslation("timeline.kind." + e.kind().name())
                + (e.actorName() == null ? "" : " · " + e.actorName()));
        head.addClassName("funnel-guide-note");
        Div body = new Div();
        body.setText(text(e));
        Div entry = new Div(head, body);
        if (e.opportunityId() != null && e.kind() == TimelineKind.STAGE_CHANGE) {
            entry.add(new Anchor("opportunities/" + e.opportunityId(), e.subject()));
        }
        entry.addClassName("funnel-timeline-entry");
        return entry;
    }

    private String text(TimelineEntry e) {
        String money = e.amount() == null ? "" : Formats.money(e.amount(), e.currency(), getLocale());
        return switch (e.kind()) {
            case FOLLOW_UP -> getTranslation("activity.type." + e.code()) + ": " + e.subject();
            case STAGE_CHANGE -> getTranslation("timeline.stage." + e.code(),
                    Texts.pick(getLocale(), e.detail(), e.detailZh()), money);
            case ORDER -> getTranslation("timeline.order", e.subject(), money);
            case PAYMENT -> getTranslation("timeline.payment", e.subject(), money)
                    + (e.detail() == null ? "" : " · " + e.detail());
            case SERVICE_REQUEST -> e.subject() + " · " + getTranslation("request.priority." + e.detail()) + " · "
                    + getTranslation("request.status." + e.code());
        };
    }
}
