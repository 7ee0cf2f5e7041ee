package dev.funnel.review.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import dev.funnel.platform.NotFoundException;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewDecision;
import dev.funnel.review.ReviewNote;
import dev.funnel.review.ReviewService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;

/**
 * A review to share: the agenda, the notes and the decisions on one page without the menu, laid out for paper;
 * the browser's print dialog saves it as a PDF.
 */
@Route(value = "reviews/:id/print", autoLayout = false)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class ReviewPrintView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ReviewService reviews;
    private final Clock clock;
    Review review;

    public ReviewPrintView(ReviewService reviews, Clock clock) {
        this.reviews = reviews;
        this.clock = clock;
        addClassName("funnel-review-print");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            review = reviews.get(Long.parseLong(event.getRouteParameters().get("id").orElse("")));
        } catch (NumberFormatException | NotFoundException e) {
            event.forwardTo(ReviewsView.class);
            return;
        }
        removeAll();
        Button print = new Button(getTranslation("meeting.print-now"),
                e -> getElement().executeJs("window.print()"));
        print.addClassName("funnel-no-print");
        print.setId("review-print-now");
        add(print, new H2(getTranslation("meeting.heading", review.teamName(),
                getTranslation("meeting.period." + review.period().name()) + " "
                        + ReviewView.periodLabel(review, getLocale()))));
        add(new Paragraph(review.closed()
                ? getTranslation("meeting.closed-by", review.closedByName(),
                        Formats.dateTime(review.closedAt(), clock.getZone(), getLocale()))
                : getTranslation("meeting.status.OPEN")));
        add(new AgendaPanel(review, getLocale(), LocalDate.now(clock), clock.getZone(), null, null));
        add(new H3(getTranslation("meeting.section.notes")));
        UnorderedList notes = new UnorderedList();
        for (ReviewNote note : review.notes()) {
            String about = note.opportunityName() == null ? "" : note.opportunityName() + " · ";
            about += note.topic() == null ? "" : note.topic() + " · ";
            notes.add(new ListItem(about + note.body() + " (" + note.authorName() + ")"));
        }
        add(review.notes().isEmpty() ? new Paragraph(getTranslation("meeting.no-notes")) : notes);
        add(new H3(getTranslation("meeting.section.decisions")));
        Grid<ReviewDecision> decisions = new Grid<>();
        decisions.addColumn(ReviewDecision::text).setHeader(getTranslation("meeting.col.decision")).setFlexGrow(3);
        decisions.addColumn(d -> d.opportunityName() == null ? "" : d.opportunityName())
                .setHeader(getTranslation("report.col.deal"));
        decisions.addColumn(ReviewDecision::ownerName).setHeader(getTranslation("meeting.col.owner"));
        decisions.addColumn(d -> Formats.date(d.dueDate(), getLocale())).setHeader(getTranslation("task.due"));
        decisions.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        decisions.setAllRowsVisible(true);
        decisions.setItems(review.decisions());
        add(review.decisions().isEmpty() ? new Paragraph(getTranslation("meeting.no-decisions")) : decisions);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("meeting.title") + " · " + getTranslation("app.name");
    }
}
