package dev.funnel.analytics.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import dev.funnel.analytics.TargetProgress;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.KaribuTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** An administrator sets a rep's target for this month on the Targets page; a bad amount is named on its field. */
class TargetsViewTest extends KaribuTest {

    @Test
    void an_administrator_sets_a_target_and_sees_its_progress() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        login("admin");
        UI.getCurrent().navigate("targets");
        TargetsView view = _get(TargetsView.class);

        _click(view.add);
        TargetsView.TargetDialog dialog = _get(TargetsView.TargetDialog.class);
        dialog.rep.setValue(dialog.rep.getListDataView().getItems().filter(u -> u.id() == rep.id()).findFirst()
                .orElseThrow());
        dialog.amount.setValue(new BigDecimal("-5"));
        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));
        assertThat(dialog.amount.isInvalid()).isTrue();
        assertThat(dialog.amount.getErrorMessage()).isNotBlank();

        dialog.amount.setValue(new BigDecimal("50000"));
        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));

        assertThat(dialog.isOpened()).isFalse();
        TargetProgress row = GridKt._fetch(view.grid, 0, 100).stream()
                .filter(p -> p.target().ownerId() != null && p.target().ownerId() == rep.id()).findFirst()
                .orElseThrow();
        assertThat(row.target().amount()).isEqualByComparingTo("50000");
        assertThat(row.gap()).isEqualByComparingTo("50000");
    }
}
