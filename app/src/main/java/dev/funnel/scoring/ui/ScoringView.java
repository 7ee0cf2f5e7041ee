package dev.funnel.scoring.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import dev.funnel.scoring.ScorerStatus;
import dev.funnel.scoring.ScoringService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Admin &gt; Scoring: which scorer's probability the deals carry and which scorer grades them, each scorer's
 * state, and for those that learn, a button to train now and how the model did on the newest closed deals.
 */
@Route("admin/scoring")
@RolesAllowed(Role.Names.ADMIN)
public class ScoringView extends VerticalLayout implements HasDynamicTitle {

    private static final String NONE = "";

    private final ScoringService scoring;
    final Select<String> primary = new Select<>();
    final Select<String> grades = new Select<>();
    final Div scorers = new Div();

    public ScoringView(ScoringService scoring) {
        this.scoring = scoring;
        addClassName("funnel-scoring-view");
        H2 title = new H2(getTranslation("scoring.title"));
        title.addClassName("funnel-view-title");
        primary.setLabel(getTranslation("scoring.primary"));
        primary.setHelperText(getTranslation("scoring.primary.help"));
        primary.setId("scoring-primary");
        primary.setWidth("20em");
        grades.setLabel(getTranslation("scoring.grades"));
        grades.setHelperText(getTranslation("scoring.grades.help"));
        grades.setId("scoring-grades");
        grades.setWidth("20em");
        scorers.addClassName("funnel-scorers");
        scorers.setWidthFull();
        HorizontalLayout choices = new HorizontalLayout(primary, grades);
        choices.setWrap(true);
        add(title, new Paragraph(getTranslation("scoring.intro")), choices, scorers);
        show();
        primary.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                scoring.choosePrimary(NONE.equals(e.getValue()) ? null : e.getValue());
                Notification.show(getTranslation("scoring.saved"));
                show();
            }
        });
        grades.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                scoring.chooseGradeSource(NONE.equals(e.getValue()) ? null : e.getValue());
                Notification.show(getTranslation("scoring.saved"));
                show();
            }
        });
    }

    private void show() {
        List<ScorerStatus> all = scoring.scorers(getLocale());
        List<String> ids = new ArrayList<>();
        ids.add(NONE);
        all.forEach(s -> ids.add(s.id()));
        primary.setItemLabelGenerator(id -> label(all, id, "scoring.primary.none"));
        primary.setItems(ids);
        primary.setValue(all.stream().filter(ScorerStatus::primary).map(ScorerStatus::id).findFirst().orElse(NONE));
        grades.setItemLabelGenerator(id -> label(all, id, "scoring.grades.none"));
        grades.setItems(ids);
        grades.setValue(all.stream().filter(ScorerStatus::gradesDeals).map(ScorerStatus::id).findFirst()
                .orElse(NONE));
        scorers.removeAll();
        if (all.isEmpty()) {
            scorers.add(new Paragraph(getTranslation("scoring.none")));
        }
        all.forEach(status -> scorers.add(card(status)));
    }

    private String label(List<ScorerStatus> all, String id, String noneKey) {
        return NONE.equals(id) ? getTranslation(noneKey)
                : all.stream().filter(s -> s.id().equals(id)).map(ScorerStatus::name).findFirst().orElse(id);
    }

    private Div card(ScorerStatus status) {
        Div card = new Div();
        card.addClassName("funnel-scorer-card");
        card.getElement().setAttribute("data-scorer", status.id());
        HorizontalLayout heading = new HorizontalLayout(new H3(status.name()));
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        heading.setWrap(true);
        if (status.primary()) {
            heading.add(badge(getTranslation("scoring.badge.primary"), "success"));
        }
        if (status.gradesDeals()) {
            heading.add(badge(getTranslation("scoring.badge.grades"), "success"));
        }
        heading.add(badge(getTranslation(status.learns() ? "scoring.badge.learns" : "scoring.badge.rules"),
                "contrast"));
        card.add(heading);
        if (status.trainingFailure() != null) {
            Paragraph failure = new Paragraph(getTranslation("scoring.failure", status.failedAt() == null ? ""
                    : Formats.dateTime(status.failedAt(), ZoneId.systemDefault(), getLocale()),
                    status.trainingFailure()));
            failure.addClassName("funnel-scorer-failure");
            card.add(failure);
        }
        if (status.learns()) {
            Button train = new Button(getTranslation("scoring.train"));
            train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            train.setId("train-" + status.id());
            train.setDisableOnClick(true);
            train.addClickListener(e -> startTraining(status));
            card.add(train);
            Optional.ofNullable(status.model()).ifPresentOrElse(model -> card.add(new ModelFigures(model,
                    getLocale())), () -> card.add(new Paragraph(getTranslation("scoring.model.none"))));
        }
        return card;
    }

    /**
     * Training takes seconds to minutes: it runs in the background while the page asks every two seconds whether
     * the scorer has a newer model or a newer failure, then shows it.
     */
    private void startTraining(ScorerStatus before) {
        scoring.trainInBackground(before.id());
        Notification.show(getTranslation("scoring.training"));
        getUI().ifPresent(ui -> {
            ui.setPollInterval(2_000);
            Registration[] polling = new Registration[1];
            polling[0] = ui.addPollListener(poll -> {
                ScorerStatus now = scoring.scorers(getLocale()).stream().filter(s -> s.id().equals(before.id()))
                        .findFirst().orElse(null);
                if (now == null || changed(before, now)) {
                    polling[0].remove();
                    ui.setPollInterval(-1);
                    Notification.show(now == null || now.trainingFailure() == null || !failedLater(before, now)
                            ? getTranslation("scoring.trained")
                            : getTranslation("scoring.train.failed", now.trainingFailure()));
                    show();
                }
            });
        });
    }

    private static boolean changed(ScorerStatus before, ScorerStatus now) {
        return trainedAt(now) != null && !trainedAt(now).equals(trainedAt(before)) || failedLater(before, now);
    }

    private static boolean failedLater(ScorerStatus before, ScorerStatus now) {
        return now.failedAt() != null && !now.failedAt().equals(before.failedAt());
    }

    private static java.time.OffsetDateTime trainedAt(ScorerStatus status) {
        return status.model() == null ? null : status.model().trainedAt();
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge " + theme);
        return badge;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("scoring.title");
    }
}
