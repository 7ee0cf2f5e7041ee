package dev.funnel.identity.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.identity.ApiToken;
import dev.funnel.identity.ApiTokenScope;
import dev.funnel.identity.ApiTokenService;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.KaribuTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rep creates a token on API tokens: a missing name is named on its field; the secret is shown once, and only its
 * prefix stays in the list; revoking it marks it revoked.
 */
class ApiTokensViewTest extends KaribuTest {

    @Autowired
    ApiTokenService tokens;

    @Test
    @SuppressWarnings("unchecked")
    void a_rep_creates_a_token_sees_its_secret_once_and_revokes_it() {
        UserSummary rep = data.organisation().eastRep();
        login(rep.username());
        UI.getCurrent().navigate("me/tokens");
        ApiTokensView view = _get(ApiTokensView.class);
        assertThat(view.everyone.isVisible()).isFalse();

        _click(view.create);
        Dialog form = _get(Dialog.class);
        RadioButtonGroup<ApiTokenScope> scope = _get(form, RadioButtonGroup.class, spec -> spec.withId("token-scope"));
        assertThat(scope.getItemEnabledProvider().test(ApiTokenScope.ADMIN)).isFalse();
        scope.setValue(ApiTokenScope.WRITE);
        _click(_get(form, Button.class, spec -> spec.withText("Create")));
        TextField name = _get(form, TextField.class, spec -> spec.withId("token-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Required");
        name.setValue("Call log sync");
        _click(_get(form, Button.class, spec -> spec.withText("Create")));
        assertThat(form.isOpened()).isFalse();

        Dialog shown = _get(Dialog.class, spec -> spec.withId("token-secret-dialog"));
        String secret = _get(shown, TextField.class, spec -> spec.withId("token-secret")).getValue();
        assertThat(secret).startsWith("fnl_");
        List<ApiToken> listed = GridKt._fetch(view.grid, 0, 10);
        assertThat(listed).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Call log sync");
            assertThat(t.scopes()).containsExactlyInAnyOrder(ApiTokenScope.READ, ApiTokenScope.WRITE);
            assertThat(secret).startsWith(t.prefix());
        });
        String row = GridKt._getCellComponent(view.grid, 0, "token").getElement().getTextRecursively()
                + GridKt._getCellComponent(view.grid, 0, "state").getElement().getTextRecursively();
        assertThat(row).doesNotContain(secret).contains(listed.get(0).prefix() + "…", "Read and write",
                "Never used", "Expires");
        _click(_get(shown, Button.class, spec -> spec.withText("Done")));

        view.confirmRevoke(listed.get(0));
        Dialog confirm = _get(Dialog.class);
        _click(_get(confirm, Button.class, spec -> spec.withText("Revoke")));
        assertThat(tokens.mine()).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
    }
}
