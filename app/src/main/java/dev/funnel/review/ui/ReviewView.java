package dev.funnel.review.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.funnel.analytics.PipelineHistoryService;
import dev.funnel.analytics.PipelineMovement.Movement;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ui.MovedDealsDialog;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.Formats;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.Texts;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.review.DecisionDraft;
import dev.funnel.review.NoteDraft;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewAgenda;
import dev.funnel.review.ReviewDecision;
import dev.funnel.review.ReviewNote;
import dev.funnel.review.ReviewService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A review meeting: the agenda Funnel prepared, the notes and decisions taken in the meeting (a decision names who
 * does what by when, and becomes their task), closing the review to freeze it, and its print view.
 */
@Route("reviews/:id")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class ReviewView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ReviewService reviews;
    private final UserService users;
    private final PipelineHistoryService history;
    private final Clock clock;
    Review review;
    AgendaPanel agenda;
    final Grid<ReviewNote> notes = new Grid<>();
    final Grid<ReviewDecision> decisions = new Grid<>();
    final ComboBox<Deal> noteDeal = new ComboBox<>();
    final TextField noteTopic = new TextField();
    final TextArea noteBody = new TextArea();
    final Button addNote = new Button();
    final TextField decisionText = new TextField();
    final ComboBox<UserSummary> decisionOwner = new ComboBox<>();
    final DatePicker decisionDue = new DatePicker();
    final ComboBox<Deal> decisionDeal = new ComboBox<>();
    final Button addDecision = new Button();
    final Button close = new Button();
    final Button refresh = new Button();

    /** A deal the meeting may write about: the flagged ones. */
    record Deal(long id, String name) {
    }

    public ReviewView(ReviewService reviews, UserService users, PipelineHistoryService history, Clock clock) {
        this.reviews = reviews;
        this.users = users;
        this.history = history;
        this.clock = clock;
        addClassName("funnel-review-meeting");
        getStyle().set("overflow", "auto");
        FieldErrors noteErrors = new FieldErrors(this).bind("body", noteBody).bind("topic", noteTopic)
                .bind("opportunityId", noteDeal);
        addNote.addClickListener(e -> noteErrors.attempt(() -> {
            reviews.addNote(review.id(), new NoteDraft(noteDeal.getValue() == null ? null : noteDeal.getValue().id(),
                    noteTopic.getValue(), noteBody.getValue()));
            noteDeal.clear();
            noteTopic.clear();
            noteBody.clear();
            reload();
        }));
        // the task a decision becomes names its fields as a task does: title, assigneeId
        FieldErrors decisionErrors = new FieldErrors(this).bind("text", decisionText).bind("title", decisionText)
                .bind("ownerId", decisionOwner).bind("assigneeId", decisionOwner).bind("dueDate", decisionDue)
                .bind("opportunityId", decisionDeal);
        addDecision.addClickListener(e -> decisionErrors.attempt(() -> {
            reviews.decide(review.id(), new DecisionDraft(decisionText.getValue(),
                    decisionOwner.getValue() == null ? null : decisionOwner.getValue().id(), decisionDue.getValue(),
                    decisionDeal.getValue() == null ? null : decisionDeal.getValue().id()));
            decisionText.clear();
            decisionDeal.clear();
            reload();
        }));
        close.addClickListener(e -> confirmClose());
        refresh.addClickListener(e -> {
            // closed by someone else meanwhile: the message says so, and the page shows it frozen
            if (!new FieldErrors(this).attempt(() -> review = reviews.refresh(review.id()))) {
                review = reviews.get(review.id());
            }
            render();
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            long id = Long.parseLong(event.getRouteParameters().get("id").orElse(""));
            review = reviews.get(id);
            render();
        } catch (NumberFormatException | NotFoundException e) {
            event.forwardTo(ReviewsView.class);
        }
    }

    void reload() {
        review = reviews.get(review.id());
        render();
    }

    private void render() {
        removeAll();
        LocalDate today = LocalDate.now(clock);
        H2 title = new H2(getTranslation("meeting.heading", review.teamName(), periodLabel(review)));
        title.addClassName("funnel-view-title");
        Span status = new Span(getTranslation("meeting.status." + review.status().name()));
        status.getElement().getThemeList().add(review.closed() ? "badge contrast" : "badge success");
        RouterLink print = new RouterLink(getTranslation("meeting.print"), ReviewPrintView.class,
                new RouteParameters("id", String.valueOf(review.id())));
        print.setId("review-print");
        close.setText(getTranslation("meeting.close"));
        close.setId("review-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        close.setVisible(!review.closed());
        refresh.setText(getTranslation("meeting.refresh"));
        refresh.setId("review-refresh");
        refresh.setVisible(!review.closed());
        HorizontalLayout header = new HorizontalLayout(title, status, print, refresh, close);
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        add(header);
        if (review.closed()) {
            add(new Span(getTranslation("meeting.closed-by", review.closedByName(),
                    Formats.dateTime(review.closedAt(), clock.getZone(), getLocale()))));
        }

        agenda = new AgendaPanel(review, getLocale(), today, clock.getZone(),
                review.closed() ? null : this::flagActions, this::drill);
        add(agenda);

        List<Deal> deals = review.agenda().flagged().stream().map(f -> new Deal(f.opportunityId(), f.name()))
                .toList();
        add(new H3(getTranslation("meeting.section.notes")));
        notes.removeAllColumns();
        notes.addColumn(n -> n.opportunityName() == null ? "" : n.opportunityName())
                .setHeader(getTranslation("report.col.deal"));
        notes.addColumn(n -> n.topic() == null ? "" : n.topic()).setHeader(getTranslation("meeting.col.topic"));
        notes.addColumn(ReviewNote::body).setHeader(getTranslation("meeting.col.note")).setFlexGrow(3);
        notes.addColumn(ReviewNote::authorName).setHeader(getTranslation("meeting.col.author"));
        notes.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        notes.setAllRowsVisible(true);
        notes.setItems(review.notes());
        add(review.notes().isEmpty() ? new Span(getTranslation("meeting.no-notes")) : notes);
        if (!review.closed()) {
            add(noteForm(deals));
        }

        add(new H3(getTranslation("meeting.section.decisions")));
        decisions.removeAllColumns();
        decisions.addColumn(ReviewDecision::text).setHeader(getTranslation("meeting.col.decision")).setFlexGrow(3);
        decisions.addColumn(d -> d.opportunityName() == null ? "" : d.opportunityName())
                .setHeader(getTranslation("report.col.deal"));
        decisions.addColumn(ReviewDecision::ownerName).setHeader(getTranslation("meeting.col.owner"));
        decisions.addColumn(d -> Formats.date(d.dueDate(), getLocale())).setHeader(getTranslation("task.due"));
        decisions.addColumn(d -> decisionStatus(d, today)).setHeader(getTranslation("meeting.col.status"));
        decisions.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        decisions.setAllRowsVisible(true);
        decisions.setItems(review.decisions());
        add(review.decisions().isEmpty() ? new Span(getTranslation("meeting.no-decisions")) : decisions);
        if (!review.closed()) {
            add(decisionForm(deals, today));
        }
    }

    private Component noteForm(List<Deal> deals) {
        noteDeal.setLabel(getTranslation("meeting.field.deal"));
        noteDeal.setItems(deals);
        noteDeal.setItemLabelGenerator(Deal::name);
        noteDeal.setClearButtonVisible(true);
        noteTopic.setLabel(getTranslation("meeting.col.topic"));
        noteTopic.setMaxLength(200);
        noteBody.setLabel(getTranslation("meeting.col.note"));
        noteBody.setMaxLength(5000);
        noteBody.setWidthFull();
        addNote.setText(getTranslation("meeting.add-note"));
        addNote.setId("review-add-note");
        FlexLayout form = new FlexLayout(noteDeal, noteTopic, noteBody, addNote);
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(Alignment.END);
        form.getStyle().set("gap", "var(--lumo-space-s)");
        form.setWidthFull();
        return form;
    }

    private Component decisionForm(List<Deal> deals, LocalDate today) {
        decisionText.setLabel(getTranslation("meeting.col.decision"));
        decisionText.setMaxLength(200);
        decisionText.setWidth("min(30em, 100%)");
        Set<Long> team = users.teamTreeMembers(review.teamId());
        decisionOwner.setLabel(getTranslation("meeting.col.owner"));
        decisionOwner.setItems(users.assignableOwners().stream().filter(u -> team.contains(u.id()) && u.enabled())
                .sorted(Comparator.comparing(UserSummary::fullName)).toList());
        decisionOwner.setItemLabelGenerator(UserSummary::fullName);
        decisionDue.setLabel(getTranslation("task.due"));
        decisionDue.setLocale(getLocale());
        decisionDue.setMin(today);
        if (decisionDue.isEmpty()) {
            decisionDue.setValue(today.plusDays(7));
        }
        decisionDeal.setLabel(getTranslation("meeting.field.deal"));
        decisionDeal.setItems(deals);
        decisionDeal.setItemLabelGenerator(Deal::name);
        decisionDeal.setClearButtonVisible(true);
        addDecision.setText(getTranslation("meeting.add-decision"));
        addDecision.setId("review-add-decision");
        FlexLayout form = new FlexLayout(decisionText, decisionOwner, decisionDue, decisionDeal, addDecision);
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(Alignment.END);
        form.getStyle().set("gap", "var(--lumo-space-s)");
        form.setWidthFull();
        return form;
    }

    /** On a flagged deal: write a note about it, or decide something about it. */
    private Component flagActions(ReviewAgenda.FlagLine line) {
        Deal deal = new Deal(line.opportunityId(), line.name());
        Button note = new Button(getTranslation("meeting.note-on"), e -> {
            noteDeal.setValue(deal);
            noteBody.focus();
        });
        Button decide = new Button(getTranslation("meeting.decide-on"), e -> {
            decisionDeal.setValue(deal);
            decisionText.focus();
        });
        note.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        decide.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(note, decide);
    }

    private void confirmClose() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(getTranslation("meeting.close"));
        confirm.setText(getTranslation("meeting.close-confirm"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("meeting.close"));
        confirm.addConfirmListener(e -> {
            if (new FieldErrors(this).attempt(() -> review = reviews.close(review.id(), review.version()))) {
                render();
            }
        });
        confirm.open();
    }

    /** A bar of the waterfall: its deals, as they stood at both ends. */
    private void drill(int index) {
        ReviewAgenda.Movement movement = review.agenda().movement();
        if (index <= 0 || index > movement.bars().size()) {
            return;
        }
        Movement chosen = Movement.valueOf(movement.bars().get(index - 1).movement());
        ReportFilter team = new ReportFilter(null, null, review.pipelineId(), review.teamId(), null, null, null, null);
        Map<Long, String> stageNames = new HashMap<>();
        review.agenda().stages().forEach(s -> stageNames.put(s.stageId(), Texts.pick(getLocale(), s.nameEn(),
                s.nameZh())));
        LocalDate from = review.agenda().movementFrom();
        LocalDate to = review.agenda().asOf();
        new MovedDealsDialog(getTranslation("review.movement." + chosen.name()), stageNames, review.agenda().currency(),
                page -> history.movedDeals(team, from, to, chosen, null, page)).open();
    }

    private String decisionStatus(ReviewDecision decision, LocalDate today) {
        if (decision.taskStatus() == null) {
            return "–";
        }
        if ("DONE".equals(decision.taskStatus())) {
            return getTranslation("meeting.status.done", decision.doneAt() == null ? ""
                    : Formats.date(decision.doneAt().atZoneSameInstant(clock.getZone()).toLocalDate(), getLocale()));
        }
        if ("OPEN".equals(decision.taskStatus()) && decision.dueDate().isBefore(today)) {
            return getTranslation("meeting.status.overdue");
        }
        return getTranslation("meeting.status." + decision.taskStatus());
    }

    static String periodLabel(Review review, java.util.Locale locale) {
        return Formats.date(review.periodStart(), locale) + " – " + Formats.date(review.periodEnd(), locale);
    }

    private String periodLabel(Review review) {
        return getTranslation("meeting.period." + review.period().name()) + " " + periodLabel(review, getLocale());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("meeting.title") + " · " + getTranslation("app.name");
    }
}
