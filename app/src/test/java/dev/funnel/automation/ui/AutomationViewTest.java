package dev.funnel.automation.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.funnel.testsupport.KaribuTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Admin &gt; Automation: 'run now' shows the run and what it fired; a threshold below one is named on its field. */
class AutomationViewTest extends KaribuTest {

    @Test
    void run_now_shows_the_last_run_and_the_schedule() {
        data.opportunityOf(data.organisation().eastRep(), data.gatedPipeline());
        clock.advance(Duration.ofDays(15));
        login("admin");
        UI.getCurrent().navigate("admin/automation");

        _click(_get(Button.class, spec -> spec.withId("automation-run-now")));

        assertThat(_get(Span.class, spec -> spec.withId("automation-schedule")).getText())
                .contains("FUNNEL_AUTOMATION_CRON=-");
        assertThat(_get(AutomationView.class).getElement().getTextRecursively()).doesNotContain("not run yet");
        _get(com.vaadin.flow.component.grid.Grid.class, spec -> spec.withId("automation-last-run-rules"));
    }

    @Test
    void a_threshold_below_one_is_refused_on_its_field() {
        login("admin");
        UI.getCurrent().navigate("admin/automation");
        IntegerField days = _get(IntegerField.class, spec -> spec.withId("rule-no_follow_up-threshold"));
        days.setValue(0);

        _click(_get(Button.class, spec -> spec.withId("rule-no_follow_up-save")));

        assertThat(days.isInvalid()).isTrue();
        assertThat(days.getErrorMessage()).isNotBlank();
    }
}
