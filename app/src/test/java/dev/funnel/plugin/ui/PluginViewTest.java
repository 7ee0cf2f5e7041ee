package dev.funnel.plugin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.plugin.PluginRecord;
import dev.funnel.plugin.PluginSettingsService;
import dev.funnel.testsupport.KaribuTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Admin &gt; Plugins &gt; webhooks: a target with a bad URL is refused on its field; a good one is listed, masked. */
class PluginViewTest extends KaribuTest {

    @Autowired
    PluginSettingsService settings;

    @Test
    void an_administrator_registers_a_webhook_target() {
        login("admin");
        UI.getCurrent().navigate("admin/plugins/webhooks");
        _click(_get(Button.class, spec -> spec.withId("add-target")));
        PluginView.RecordForm form = _get(PluginView.RecordForm.class);
        TextField url = (TextField) form.fields.get("url");
        url.setValue("not a url");
        ((PasswordField) form.fields.get("secret")).setValue("whsec-0123456789abcdef");
        @SuppressWarnings("unchecked")
        CheckboxGroup<String> events = (CheckboxGroup<String>) form.fields.get("events");
        events.setValue(Set.of("opportunity.won"));

        _click(form.save);
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).contains("not a url");

        url.setValue("https://hooks.example.test/funnel");
        _click(form.save);

        assertThat(form.isOpened()).isFalse();
        @SuppressWarnings("unchecked")
        Grid<PluginRecord> targets = _get(Grid.class, spec -> spec.withId("records-target"));
        PluginRecord added = GridKt._findAll(targets).stream()
                .filter(r -> "https://hooks.example.test/funnel".equals(r.values().get("url"))).findFirst()
                .orElseThrow();
        assertThat(added.values().get("secret")).isEqualTo(PluginSettingsService.MASK);
        data.asAdmin(() -> {
            settings.delete("webhooks", added.id(), added.version());
            return null;
        });
    }
}
