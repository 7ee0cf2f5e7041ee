package dev.funnel.analytics.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.catalog.Product;
import dev.funnel.identity.Team;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.Pipeline;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * The filter bar over every chart: period (a preset or two dates), pipeline, team, rep, product, lead source and
 * currency. Changing any of them calls the listener once with the new filter.
 */
class ReportFilters extends FlexLayout {

    /** The periods people ask for; CUSTOM is whatever the two date fields say. */
    enum Period { THIS_MONTH, LAST_MONTH, THIS_QUARTER, LAST_QUARTER, THIS_YEAR, LAST_12_MONTHS, CUSTOM }

    final Select<Period> period = new Select<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Select<Pipeline> pipeline = new Select<>();
    final ComboBox<Team> team = new ComboBox<>();
    final ComboBox<UserSummary> rep = new ComboBox<>();
    final ComboBox<Product> product = new ComboBox<>();
    final ComboBox<Choice> source = new ComboBox<>();
    final ComboBox<String> currency = new ComboBox<>();
    private final LocalDate today;
    private boolean settingPeriod;

    ReportFilters(List<Pipeline> pipelines, Pipeline defaultPipeline, List<Team> teams, List<UserSummary> reps,
                  List<Product> products, List<Choice> sources, List<String> currencies, LocalDate today,
                  Runnable changed) {
        this.today = today;
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        getStyle().set("gap", "var(--lumo-space-s)");
        Locale locale = getLocale();

        period.setLabel(getTranslation("report.filter.period"));
        period.setItems(Period.values());
        period.setItemLabelGenerator(p -> getTranslation("report.period." + p.name()));
        from.setLabel(getTranslation("report.filter.from"));
        to.setLabel(getTranslation("report.filter.to"));
        from.setLocale(locale);
        to.setLocale(locale);
        pipeline.setLabel(getTranslation("report.filter.pipeline"));
        pipeline.setItems(pipelines);
        pipeline.setItemLabelGenerator(Pipeline::name);
        team.setLabel(getTranslation("report.filter.team"));
        team.setItems(teams);
        team.setItemLabelGenerator(Team::name);
        team.setClearButtonVisible(true);
        rep.setLabel(getTranslation("report.filter.rep"));
        rep.setItems(reps);
        rep.setItemLabelGenerator(UserSummary::fullName);
        rep.setClearButtonVisible(true);
        product.setLabel(getTranslation("report.filter.product"));
        product.setItems(products);
        product.setItemLabelGenerator(Product::name);
        product.setClearButtonVisible(true);
        source.setLabel(getTranslation("report.filter.source"));
        source.setItems(sources);
        source.setItemLabelGenerator(c -> c.label(locale));
        source.setClearButtonVisible(true);
        currency.setLabel(getTranslation("report.filter.currency"));
        // the company currency first: every deal, converted; any other narrows to the deals in it
        String companyCurrency = currencies.get(0);
        currency.setItems(currencies);
        currency.setItemLabelGenerator(c -> c.equals(companyCurrency)
                ? getTranslation("report.currency.all", companyCurrency) : getTranslation("report.currency.only", c));
        currency.setWidth("13em");

        period.setValue(Period.LAST_12_MONTHS);
        applyPeriod(Period.LAST_12_MONTHS);
        pipeline.setValue(defaultPipeline);
        currency.setValue(companyCurrency);

        period.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != Period.CUSTOM) {
                applyPeriod(e.getValue());
                changed.run();
            }
        });
        for (DatePicker date : List.of(from, to)) {
            date.addValueChangeListener(e -> {
                if (!settingPeriod) {
                    period.setValue(Period.CUSTOM);
                    changed.run();
                }
            });
        }
        pipeline.addValueChangeListener(e -> changed.run());
        team.addValueChangeListener(e -> changed.run());
        rep.addValueChangeListener(e -> changed.run());
        product.addValueChangeListener(e -> changed.run());
        source.addValueChangeListener(e -> changed.run());
        currency.addValueChangeListener(e -> changed.run());
        add(period, from, to, pipeline, team, rep, product, source, currency);
    }

    private void applyPeriod(Period chosen) {
        settingPeriod = true;
        LocalDate quarterStart = today.with(IsoFields.DAY_OF_QUARTER, 1);
        switch (chosen) {
            case THIS_MONTH -> setDates(today.withDayOfMonth(1), today.withDayOfMonth(today.lengthOfMonth()));
            case LAST_MONTH -> {
                LocalDate last = today.minusMonths(1);
                setDates(last.withDayOfMonth(1), last.withDayOfMonth(last.lengthOfMonth()));
            }
            case THIS_QUARTER -> setDates(quarterStart, quarterStart.plusMonths(3).minusDays(1));
            case LAST_QUARTER -> setDates(quarterStart.minusMonths(3), quarterStart.minusDays(1));
            case THIS_YEAR -> setDates(today.withDayOfYear(1), today.withDayOfYear(today.lengthOfYear()));
            case LAST_12_MONTHS -> setDates(today.minusMonths(12).plusDays(1), today);
            case CUSTOM -> { }
        }
        settingPeriod = false;
    }

    private void setDates(LocalDate start, LocalDate end) {
        from.setValue(start);
        to.setValue(end);
    }

    /** The selection (not the period) as query parameters, for a link to another report page. */
    java.util.Map<String, String> selectionQuery() {
        ReportFilter f = value();
        java.util.Map<String, String> query = new java.util.LinkedHashMap<>();
        java.util.function.BiConsumer<String, Object> put = (k, v) -> {
            if (v != null) {
                query.put(k, v.toString());
            }
        };
        put.accept("pipelineId", f.pipelineId());
        put.accept("teamId", f.teamId());
        put.accept("ownerId", f.ownerId());
        put.accept("productId", f.productId());
        put.accept("source", f.source());
        put.accept("currency", f.currency());
        return query;
    }

    /** Takes the selection a link carries ({@link #selectionQuery}); unknown ids are ignored. */
    void select(java.util.Map<String, List<String>> query) {
        java.util.function.Function<String, String> one = k -> query.containsKey(k) && !query.get(k).isEmpty()
                ? query.get(k).get(0) : null;
        pick(pipeline.getListDataView().getItems(), one.apply("pipelineId"), p -> String.valueOf(p.id()))
                .ifPresent(pipeline::setValue);
        pick(team.getListDataView().getItems(), one.apply("teamId"), t -> String.valueOf(t.id()))
                .ifPresent(team::setValue);
        pick(rep.getListDataView().getItems(), one.apply("ownerId"), u -> String.valueOf(u.id()))
                .ifPresent(rep::setValue);
        pick(product.getListDataView().getItems(), one.apply("productId"), p -> String.valueOf(p.id()))
                .ifPresent(product::setValue);
        pick(source.getListDataView().getItems(), one.apply("source"), Choice::code).ifPresent(source::setValue);
        pick(currency.getListDataView().getItems(), one.apply("currency"), c -> c).ifPresent(currency::setValue);
    }

    private static <T> java.util.Optional<T> pick(java.util.stream.Stream<T> items, String key,
                                                  java.util.function.Function<T, String> id) {
        return key == null ? java.util.Optional.empty() : items.filter(item -> key.equals(id.apply(item))).findFirst();
    }

    ReportFilter value() {
        return new ReportFilter(from.getValue(), to.getValue(),
                pipeline.getValue() == null ? null : pipeline.getValue().id(),
                team.getValue() == null ? null : team.getValue().id(),
                rep.getValue() == null ? null : rep.getValue().id(),
                product.getValue() == null ? null : product.getValue().id(),
                source.getValue() == null ? null : source.getValue().code(), currency.getValue());
    }
}
