package dev.funnel.currency.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.BigDecimalField;
import dev.funnel.currency.ExchangeRate;
import dev.funnel.testsupport.KaribuTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** An administrator adds a rate on Admin > Currencies; a bad one is named on its field and not saved. */
class CurrenciesViewTest extends KaribuTest {

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_adds_a_yen_rate_after_a_refused_one() {
        login("admin");
        UI.getCurrent().navigate("admin/currencies");
        CurrenciesView view = _get(CurrenciesView.class);
        assertThat(view.company.getText()).isEqualTo("Company currency: CNY");

        _click(view.add);
        Dialog dialog = _get(Dialog.class);
        ComboBox<String> currency = _get(dialog, ComboBox.class, spec -> spec.withLabel("Currency"));
        assertThat(currency.getListDataView().getItems()).doesNotContain("CNY").contains("JPY");
        currency.setValue("JPY");
        _get(dialog, DatePicker.class, spec -> spec.withLabel("Valid from")).setValue(LocalDate.of(2026, 1, 1));
        BigDecimalField rate = _get(dialog, BigDecimalField.class, spec -> spec.withLabel("Rate"));
        rate.setValue(new BigDecimal("-1"));
        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));
        assertThat(rate.isInvalid()).isTrue();
        assertThat(rate.getErrorMessage()).isEqualTo("A rate must be greater than zero");

        rate.setValue(new BigDecimal("0.0476"));
        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));
        assertThat(dialog.isOpened()).isFalse();
        ExchangeRate added = GridKt._fetch(view.grid, 0, 500).stream()
                .filter(r -> r.currency().equals("JPY") && r.validFrom().equals(LocalDate.of(2026, 1, 1)))
                .findFirst().orElseThrow();
        assertThat(added.rate()).isEqualByComparingTo("0.0476");
        assertThat(GridKt._getFormattedRow(view.grid, GridKt._fetch(view.grid, 0, 500).indexOf(added)))
                .contains("1 JPY = 0.0476 CNY");
    }
}
