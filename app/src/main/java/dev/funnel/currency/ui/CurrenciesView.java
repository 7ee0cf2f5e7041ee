package dev.funnel.currency.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.currency.CurrencyService;
import dev.funnel.currency.ExchangeRate;
import dev.funnel.currency.ExchangeRateDraft;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Admin &gt; Currencies: the company currency every board and report total is in, and the dated rates that convert
 * the other currencies' deals into it. Each change converts the deals it concerns at once.
 */
@Route("admin/currencies")
@RolesAllowed(Role.Names.ADMIN)
public class CurrenciesView extends VerticalLayout implements HasDynamicTitle {

    private final CurrencyService currencies;
    private final Clock clock;
    final Span company = new Span();
    final Paragraph unrated = new Paragraph();
    final Grid<ExchangeRate> grid = new Grid<>();
    final Button add = new Button();
    final Button change = new Button();

    public CurrenciesView(CurrencyService currencies, Clock clock) {
        this.currencies = currencies;
        this.clock = clock;
        setSizeFull();
        H2 title = new H2(getTranslation("nav.currencies"));
        title.addClassName("funnel-view-title");
        company.addClassName("funnel-fact");
        change.setText(getTranslation("currency.change"));
        change.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        change.addClickListener(e -> changeCompanyCurrency());
        HorizontalLayout companyRow = new HorizontalLayout(company, change);
        companyRow.setAlignItems(Alignment.BASELINE);
        Paragraph explain = new Paragraph(getTranslation("currency.explain"));
        explain.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        unrated.addClassName("funnel-note");

        add.setText(getTranslation("currency.rate.add"));
        add.setIcon(VaadinIcon.PLUS.create());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(e -> edit(null));
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ExchangeRate::currency).setHeader(getTranslation("field.currency")).setAutoWidth(true);
        grid.addColumn(r -> Formats.date(r.validFrom(), getLocale())).setHeader(getTranslation("field.validFrom"))
                .setAutoWidth(true);
        grid.addColumn(r -> getTranslation("currency.rate.reads", r.currency(), r.rate().toPlainString(),
                        currencies.companyCurrency()))
                .setHeader(getTranslation("field.rate")).setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        grid.addComponentColumn(r -> {
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> remove(r));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("currency.rate.remove"));
            remove.setTooltipText(getTranslation("currency.rate.remove"));
            return remove;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> edit(e.getItem()));
        Span none = new Span(getTranslation("currency.rate.empty"));
        none.addClassName("funnel-empty-state");
        grid.getElement().appendChild(none.getElement().setAttribute("slot", "empty-state"));
        add(title, companyRow, explain, unrated, add, grid);
        expand(grid);
        refresh();
    }

    void refresh() {
        String code = currencies.companyCurrency();
        company.setText(getTranslation("currency.company", code));
        Set<String> missing = currencies.currenciesWithoutRate();
        unrated.setText(missing.isEmpty() ? "" : getTranslation("currency.unrated", String.join(", ", missing)));
        unrated.setVisible(!missing.isEmpty());
        grid.setItems(currencies.rates());
    }

    /** A new rate (null) or a change to one. */
    void edit(ExchangeRate existing) {
        String code = currencies.companyCurrency();
        ComboBox<String> currency = new ComboBox<>(getTranslation("field.currency"));
        currency.setItems(currencies.currencies().stream().filter(c -> !c.equals(code)).toList());
        DatePicker validFrom = new DatePicker(getTranslation("field.validFrom"));
        validFrom.setLocale(getLocale());
        BigDecimalField rate = new BigDecimalField(getTranslation("field.rate"));
        rate.setHelperText(getTranslation("currency.rate.help", code));
        if (existing == null) {
            validFrom.setValue(LocalDate.now(clock));
        } else {
            currency.setValue(existing.currency());
            validFrom.setValue(existing.validFrom());
            rate.setValue(existing.rate());
        }
        currency.addValueChangeListener(e -> rate.setHelperText(e.getValue() == null
                ? getTranslation("currency.rate.help", code)
                : getTranslation("currency.rate.reads", e.getValue(), "…", code)));
        FormLayout form = new FormLayout(currency, validFrom, rate);
        FieldErrors errors = new FieldErrors(this).bind("currency", currency).bind("validFrom", validFrom)
                .bind("rate", rate);
        FormDialogs.open(getTranslation(existing == null ? "currency.rate.add" : "currency.rate.edit"), form, errors,
                () -> currencies.save(existing == null ? null : existing.id(),
                        existing == null ? null : existing.version(),
                        new ExchangeRateDraft(currency.getValue(), validFrom.getValue(), rate.getValue())),
                this::refresh);
    }

    void remove(ExchangeRate rate) {
        Paragraph question = new Paragraph(getTranslation("currency.rate.remove.confirm", rate.currency(),
                Formats.date(rate.validFrom(), getLocale())));
        FormDialogs.open(getTranslation("currency.rate.remove"), question, new FieldErrors(this),
                getTranslation("currency.rate.remove"), () -> currencies.remove(rate.id(), rate.version()),
                this::refresh);
    }

    void changeCompanyCurrency() {
        String code = currencies.companyCurrency();
        List<ExchangeRate> rates = currencies.rates();
        ComboBox<String> currency = new ComboBox<>(getTranslation("currency.new-company"));
        currency.setItems(currencies.currencies());
        currency.setValue(code);
        Paragraph warning = new Paragraph(getTranslation("currency.change.warning", rates.size(), code));
        warning.addClassName("funnel-note");
        FieldErrors errors = new FieldErrors(this).bind("currency", currency);
        FormDialogs.open(getTranslation("currency.change"), new VerticalLayout(currency, warning), errors,
                getTranslation("currency.change.confirm"),
                () -> currencies.changeCompanyCurrency(currency.getValue(), rates.size()), this::refresh);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.currencies") + " · " + getTranslation("app.name");
    }
}
