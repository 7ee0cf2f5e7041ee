package dev.funnel.review.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.review.NewReview;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewPeriod;
import dev.funnel.review.ReviewService;
import dev.funnel.review.ReviewSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Review meetings (复盘会): the reviews of the teams the manager sees, and starting one for a team and a week or
 * month (by default the last full week: the Monday meeting looks back on the week before).
 */
@Route("reviews")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class ReviewsView extends VerticalLayout implements HasDynamicTitle {

    final Grid<ReviewSummary> grid = new Grid<>();
    final ComboBox<Team> team = new ComboBox<>();
    final RadioButtonGroup<ReviewPeriod> period = new RadioButtonGroup<>();
    final DatePicker day = new DatePicker();
    final Button start = new Button();

    public ReviewsView(ReviewService reviews, Clock clock) {
        setSizeFull();
        getStyle().set("overflow", "auto");
        LocalDate today = LocalDate.now(clock);
        H2 title = new H2(getTranslation("meeting.title"));
        title.addClassName("funnel-view-title");

        List<Team> teams = reviews.teams();
        team.setLabel(getTranslation("meeting.field.team"));
        team.setItems(teams);
        team.setItemLabelGenerator(Team::name);
        if (!teams.isEmpty()) {
            team.setValue(teams.get(0));
        }
        period.setLabel(getTranslation("meeting.field.period"));
        period.setItems(ReviewPeriod.values());
        period.setItemLabelGenerator(p -> getTranslation("meeting.period." + p.name()));
        period.setValue(ReviewPeriod.WEEK);
        day.setLabel(getTranslation("meeting.field.day"));
        day.setLocale(getLocale());
        day.setMax(today);
        day.setValue(today.minusWeeks(1));
        day.setHelperText(getTranslation("meeting.field.day-help"));
        start.setText(getTranslation("meeting.start"));
        start.setId("review-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FieldErrors errors = new FieldErrors(this).bind("teamId", team).bind("day", day);
        start.addClickListener(e -> errors.attempt(() -> {
            Review review = reviews.start(new NewReview(team.getValue() == null ? null : team.getValue().id(),
                    period.getValue(), day.getValue(), null));
            getUI().ifPresent(ui -> ui.navigate(ReviewView.class, new RouteParameters("id",
                    String.valueOf(review.id()))));
        }));
        FlexLayout form = new FlexLayout(team, period, day, start);
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(Alignment.BASELINE);
        form.getStyle().set("gap", "var(--lumo-space-m)");

        grid.addColumn(ReviewSummary::teamName).setHeader(getTranslation("meeting.field.team")).setFlexGrow(2);
        grid.addColumn(r -> getTranslation("meeting.period." + r.period().name()) + " "
                        + Formats.date(r.periodStart(), getLocale()) + " – " + Formats.date(r.periodEnd(), getLocale()))
                .setHeader(getTranslation("meeting.field.period")).setFlexGrow(2);
        grid.addColumn(r -> getTranslation("meeting.status." + r.status().name()))
                .setHeader(getTranslation("meeting.col.status"));
        grid.addColumn(ReviewSummary::decisions).setHeader(getTranslation("meeting.section.decisions"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(ReviewSummary::createdByName).setHeader(getTranslation("meeting.col.author"));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ReviewView.class,
                new RouteParameters("id", String.valueOf(e.getItem().id())))));
        List<ReviewSummary> all = reviews.list();
        grid.setItems(all);
        grid.setAllRowsVisible(true);

        add(title, new Paragraph(getTranslation("meeting.intro")), new H3(getTranslation("meeting.start")), form,
                new H3(getTranslation("meeting.list")),
                all.isEmpty() ? new Paragraph(getTranslation("meeting.none")) : grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("meeting.title") + " · " + getTranslation("app.name");
    }
}
