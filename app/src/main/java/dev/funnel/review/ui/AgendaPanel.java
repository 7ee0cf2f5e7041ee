package dev.funnel.review.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.funnel.analytics.ui.ChartOptions;
import dev.funnel.platform.Formats;
import dev.funnel.platform.Texts;
import dev.funnel.platform.ui.EChart;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewAgenda;
import dev.funnel.review.ReviewAgenda.DecisionLine;
import dev.funnel.review.ReviewAgenda.Figures;
import dev.funnel.review.ReviewAgenda.FlagLine;
import dev.funnel.review.ReviewAgenda.RepLine;
import dev.funnel.review.ReviewAgenda.StageLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A review's agenda, in the order the meeting goes through it: the last review's decisions and figures, the
 * period against the one before, the funnel per stage with its bottleneck, what moved the pipeline since the last
 * review, the flagged deals and each rep's target, forecast and wins. The meeting page and the print view show the
 * same panel; only the meeting page adds actions to the flagged deals.
 */
class AgendaPanel extends VerticalLayout {

    /**
     * The period's figures and the funnel fit a phone (390 px) side by side: a column is only as wide as its
     * cells need, wrapped, and grows on wider screens; Vaadin's default of 100 px each pushed the funnel's last
     * column out of sight.
     */
    private static final String LABEL_WIDTH = "6rem";
    private static final String FIGURE_WIDTH = "5.5rem";
    /** Deals and amount ("27 · ¥1124.5万") on one line. */
    private static final String DEALS_AND_AMOUNT_WIDTH = "6.5rem";
    /** A conversion ("12 → 8%") needs less. */
    private static final String RATE_WIDTH = "4.75rem";

    final EChart waterfall = new EChart();
    final Grid<FlagLine> flagged = new Grid<>();
    final Grid<RepLine> reps = new Grid<>();
    final Grid<StageLine> stages = new Grid<>();
    final Grid<DecisionLine> previousDecisions = new Grid<>();
    private final ReviewAgenda agenda;
    private final Locale locale;

    /** One line of a figures table: what, then, now. */
    record FigureRow(String label, String before, String after) {
    }

    AgendaPanel(Review review, Locale locale, LocalDate today, java.time.ZoneId zone,
                Function<FlagLine, Component> flagActions, Consumer<Integer> barClicked) {
        this.agenda = review.agenda();
        this.locale = locale;
        setPadding(false);
        addClassName("funnel-review-agenda");
        add(new Paragraph(getTranslation("meeting.as-of", date(agenda.asOf()),
                Formats.dateTime(agenda.computedAt().atOffset(java.time.ZoneOffset.UTC), zone, locale))));

        if (agenda.previousReviewId() != null) {
            add(new H3(getTranslation("meeting.section.last-review", date(agenda.previousReviewAsOf()))));
            if (agenda.previousFigures() != null) {
                add(figures(getTranslation("meeting.col.then", date(agenda.previousReviewAsOf())),
                        getTranslation("meeting.col.now", date(agenda.asOf())), agenda.previousFigures(),
                        agenda.current()));
            } else {
                add(new Span(getTranslation("meeting.last-review-open")));
            }
            previousDecisions.addColumn(DecisionLine::text).setHeader(getTranslation("meeting.col.decision"))
                    .setFlexGrow(3);
            previousDecisions.addColumn(d -> d.opportunityName() == null ? "" : d.opportunityName())
                    .setHeader(getTranslation("report.col.deal"));
            previousDecisions.addColumn(DecisionLine::ownerName).setHeader(getTranslation("meeting.col.owner"));
            previousDecisions.addColumn(d -> date(d.dueDate())).setHeader(getTranslation("task.due"));
            previousDecisions.addColumn(d -> status(d, today)).setHeader(getTranslation("meeting.col.status"));
            previousDecisions.setItems(agenda.previousDecisions());
            compact(previousDecisions);
            long done = agenda.previousDecisions().stream().filter(DecisionLine::done).count();
            add(new Span(getTranslation("meeting.decisions-done", done, agenda.previousDecisions().size())),
                    previousDecisions);
        }

        add(new H3(getTranslation("meeting.section.period")));
        add(figures(getTranslation("meeting.col.previous-period", date(agenda.previousPeriodAsOf())), getTranslation("meeting.col.this-period"),
                agenda.previousPeriod(), agenda.current()));

        add(new H3(getTranslation("meeting.section.funnel")));
        stages.addColumn(s -> Texts.pick(locale, s.nameEn(), s.nameZh())).setHeader(getTranslation("report.col.stage"))
                .setWidth(LABEL_WIDTH).setFlexGrow(2);
        stages.addColumn(s -> s.openDeals() + " · " + money(s.openAmount())).setHeader(getTranslation("meeting.col.open"))
                .setWidth(DEALS_AND_AMOUNT_WIDTH).setTextAlign(ColumnTextAlign.END);
        stages.addColumn(s -> s.entered() + " → " + percent(s.conversion()))
                .setHeader(getTranslation("meeting.col.conversion")).setWidth(RATE_WIDTH)
                .setTextAlign(ColumnTextAlign.END);
        stages.addColumn(s -> s.previousEntered() + " → " + percent(s.previousConversion()))
                .setHeader(getTranslation("meeting.col.previous-conversion")).setWidth(RATE_WIDTH)
                .setTextAlign(ColumnTextAlign.END);
        stages.setItems(agenda.stages());
        stages.addClassName("funnel-review-stages");
        compact(stages);
        add(stages);
        add(new Span(agenda.bottleneck() == null ? getTranslation("meeting.no-bottleneck")
                : getTranslation("meeting.bottleneck", Texts.pick(locale, agenda.bottleneck().nameEn(),
                        agenda.bottleneck().nameZh()), percent(agenda.bottleneck().conversion()),
                percent(agenda.bottleneck().earlierConversion()))));

        add(new H3(getTranslation("meeting.section.movement", date(agenda.movementFrom()), date(agenda.asOf()))));
        List<ChartOptions.Step> steps = new ArrayList<>();
        ReviewAgenda.Movement movement = agenda.movement();
        steps.add(new ChartOptions.Step(getTranslation("review.start", shortDate(agenda.movementFrom())),
                movement.startAmount(), true, money(movement.startAmount())));
        for (ReviewAgenda.Bar bar : movement.bars()) {
            steps.add(new ChartOptions.Step(getTranslation("review.movement." + bar.movement()) + " (" + bar.deals()
                    + ")", bar.amount(), false, (bar.amount().signum() < 0 ? "−" : "+") + money(bar.amount().abs())));
        }
        steps.add(new ChartOptions.Step(getTranslation("review.end", shortDate(agenda.asOf())), movement.endAmount(), true,
                money(movement.endAmount())));
        waterfall.setOption(ChartOptions.waterfall(steps));
        waterfall.setWidthFull();
        waterfall.setHeight("300px");
        waterfall.addClassName("funnel-waterfall");
        if (barClicked != null) {
            waterfall.addClickListener(e -> barClicked.accept(e.dataIndex()));
        }
        add(new Span(getTranslation("meeting.movement-summary", movement.startDeals(), money(movement.startAmount()),
                movement.endDeals(), money(movement.endAmount()))), waterfall);
        if (movement.createdAndClosed() > 0) {
            add(new Span(getTranslation("review.created-and-closed", movement.createdAndClosed())));
        }

        add(new H3(getTranslation("meeting.section.flagged", agenda.flaggedTotal())));
        if (flagActions == null) {
            flagged.addColumn(FlagLine::name).setHeader(getTranslation("report.col.deal")).setFlexGrow(2);
        } else {
            flagged.addComponentColumn(d -> new Anchor("opportunities/" + d.opportunityId(), d.name()))
                    .setHeader(getTranslation("report.col.deal")).setFlexGrow(2);
        }
        flagged.addColumn(FlagLine::ownerName).setHeader(getTranslation("opportunity.owner"));
        flagged.addColumn(d -> d.stageNameEn() == null ? "" : Texts.pick(locale, d.stageNameEn(), d.stageNameZh()))
                .setHeader(getTranslation("report.col.stage"));
        flagged.addColumn(d -> money(d.amount())).setHeader(getTranslation("report.col.amount"))
                .setTextAlign(ColumnTextAlign.END);
        flagged.addColumn(d -> d.expectedClose() == null ? "–" : date(d.expectedClose()))
                .setHeader(getTranslation("opportunity.expected-close"));
        flagged.addColumn(this::flagText).setHeader(getTranslation("review.col.flags")).setFlexGrow(3);
        if (flagActions != null) {
            flagged.addComponentColumn(flagActions::apply).setHeader("").setAutoWidth(true);
        }
        flagged.setItems(agenda.flagged());
        compact(flagged);
        add(flagged);
        if (agenda.flaggedTotal() > agenda.flagged().size()) {
            add(new Span(getTranslation("review.flagged-first", agenda.flagged().size(), agenda.flaggedTotal())));
        }

        add(new H3(getTranslation("meeting.section.reps", agenda.targetMonth().toString().substring(0, 7))));
        reps.addColumn(RepLine::name).setHeader(getTranslation("meeting.col.rep")).setFlexGrow(2);
        reps.addColumn(r -> r.target() == null ? "–" : money(r.target())).setHeader(getTranslation("meeting.col.target"))
                .setTextAlign(ColumnTextAlign.END);
        reps.addColumn(r -> r.wonInMonth() == null ? "–" : money(r.wonInMonth()))
                .setHeader(getTranslation("meeting.col.won-month")).setTextAlign(ColumnTextAlign.END);
        reps.addColumn(r -> r.commit() == null ? "–" : money(r.commit()) + " / " + money(r.bestCase()))
                .setHeader(getTranslation("meeting.col.forecast")).setTextAlign(ColumnTextAlign.END);
        reps.addColumn(r -> r.gap() == null ? "–" : money(r.gap())).setHeader(getTranslation("meeting.col.gap"))
                .setTextAlign(ColumnTextAlign.END);
        reps.addColumn(r -> r.wonInPeriod() + " · " + money(r.wonAmountInPeriod()))
                .setHeader(getTranslation("meeting.col.won-period")).setTextAlign(ColumnTextAlign.END);
        reps.addColumn(RepLine::lostInPeriod).setHeader(getTranslation("meeting.col.lost-period"))
                .setTextAlign(ColumnTextAlign.END);
        reps.setItems(agenda.reps());
        compact(reps);
        add(reps);
    }

    /** A small table of the headline figures of two moments. */
    private Grid<FigureRow> figures(String beforeHeader, String afterHeader, Figures before, Figures after) {
        Grid<FigureRow> grid = new Grid<>();
        grid.addColumn(FigureRow::label).setHeader("").setWidth(LABEL_WIDTH).setFlexGrow(2);
        grid.addColumn(FigureRow::before).setHeader(beforeHeader).setWidth(FIGURE_WIDTH)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(FigureRow::after).setHeader(afterHeader).setWidth(FIGURE_WIDTH)
                .setTextAlign(ColumnTextAlign.END);
        grid.setItems(List.of(
                new FigureRow(getTranslation("meeting.figure.open"), before.openDeals() + " · "
                        + money(before.openAmount()), after.openDeals() + " · " + money(after.openAmount())),
                new FigureRow(getTranslation("meeting.figure.weighted"), money(before.openWeighted()),
                        money(after.openWeighted())),
                new FigureRow(getTranslation("meeting.figure.won"), before.won() + " · " + money(before.wonAmount()),
                        after.won() + " · " + money(after.wonAmount())),
                new FigureRow(getTranslation("meeting.figure.lost"), before.lost() + " · "
                        + money(before.lostAmount()), after.lost() + " · " + money(after.lostAmount()))));
        compact(grid);
        grid.addClassName("funnel-review-figures");
        return grid;
    }

    private String status(DecisionLine decision, LocalDate today) {
        if (decision.taskStatus() == null) {
            return "–";
        }
        if (decision.done()) {
            return getTranslation("meeting.status.done", decision.doneOn() == null ? "" : date(decision.doneOn()));
        }
        if (decision.overdue(today)) {
            return getTranslation("meeting.status.overdue");
        }
        return getTranslation("meeting.status." + decision.taskStatus());
    }

    private String flagText(FlagLine deal) {
        return deal.flags().stream().map(flag -> switch (flag) {
            case "CLOSE_PUSHED" -> getTranslation("meeting.flag.pushed", deal.closePushes());
            case "STALLED" -> getTranslation("review.flag.stalled-days", deal.daysInStage());
            case "NO_FOLLOW_UP" -> deal.daysWithoutFollowUp() == null ? getTranslation("review.flag.never-followed")
                    : getTranslation("review.flag.quiet-days", deal.daysWithoutFollowUp());
            default -> getTranslation("review.flag." + flag, 0);
        }).collect(Collectors.joining(" · "));
    }

    private static void compact(Grid<?> grid) {
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
    }

    private String percent(BigDecimal rate) {
        return rate == null ? "–" : rate.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP) + "%";
    }

    /** A day without its year, for the chart's axis, which has little room on a phone. */
    private String shortDate(LocalDate day) {
        return Texts.isChinese(locale) ? day.getMonthValue() + "月" + day.getDayOfMonth() + "日"
                : day.getDayOfMonth() + " " + day.getMonth().getDisplayName(java.time.format.TextStyle.SHORT,
                        Locale.ENGLISH);
    }

    private String date(LocalDate day) {
        return day == null ? "–" : Formats.date(day, locale);
    }

    private String money(BigDecimal amount) {
        return amount == null ? "–" : Formats.compactMoney(amount, agenda.currency(), locale);
    }
}
