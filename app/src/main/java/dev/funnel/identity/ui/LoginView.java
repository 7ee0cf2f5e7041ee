package dev.funnel.identity.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.funnel.identity.AccountDisabledException;
import dev.funnel.identity.AccountNameTakenException;
import dev.funnel.identity.AccountWithoutRoleException;
import dev.funnel.identity.DirectoryUnavailableException;
import dev.funnel.identity.SignInThrottledException;
import dev.funnel.identity.SingleSignOn;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import dev.funnel.platform.DatabaseOutage;
import dev.funnel.platform.Messages;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.security.web.WebAttributes;

/** Sign-in. A failed attempt says so without telling whether the user name or the password was wrong. */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final SingleSignOn singleSignOn;
    private Button singleSignOnButton;

    public LoginView(SingleSignOn singleSignOn) {
        this.singleSignOn = singleSignOn;
        addClassName("funnel-login");
        setSizeFull();
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n());
        add(form);
        if (singleSignOn.enabled()) {
            singleSignOnButton = new Button(singleSignOnText(), VaadinIcon.SIGN_IN_ALT.create(),
                    e -> startSingleSignOn());
            singleSignOnButton.addClassName("funnel-login-sso");
            add(singleSignOnButton);
        }
        add(languages());
    }

    private String singleSignOnText() {
        return getTranslation("login.sso", singleSignOn.label().orElseGet(() -> getTranslation("login.sso.default")));
    }

    /** Off to the provider only when it answers: otherwise the person would land on a browser error page. */
    private void startSingleSignOn() {
        if (singleSignOn.reachable()) {
            UI.getCurrent().getPage().setLocation(SingleSignOn.START_PATH);
        } else {
            Notification.show(getTranslation("login.sso.unreachable"), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private HorizontalLayout languages() {
        Button chinese = new Button("中文", e -> switchTo(Messages.CHINESE));
        Button english = new Button("English", e -> switchTo(Messages.ENGLISH));
        chinese.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        english.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        return new HorizontalLayout(chinese, english);
    }

    private void switchTo(Locale locale) {
        UI ui = UI.getCurrent();
        ui.getSession().setLocale(locale);
        ui.setLocale(locale);
        form.setI18n(i18n());
        if (singleSignOnButton != null) {
            singleSignOnButton.setText(singleSignOnText());
        }
    }

    private LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form labels = i18n.getForm();
        labels.setTitle(getTranslation("login.title"));
        labels.setUsername(getTranslation("login.username"));
        labels.setPassword(getTranslation("login.password"));
        labels.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.failed.title"));
        error.setMessage(getTranslation("login.failed.message"));
        error.setUsername(getTranslation("login.username.required"));
        error.setPassword(getTranslation("login.password.required"));
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        if (failed) {
            // the form posts to Spring Security, which keeps why it refused in the session for this page
            LoginI18n i18n = i18n();
            Object why = lastFailure();
            if (why instanceof SignInThrottledException throttled) {
                i18n.getErrorMessage().setTitle(getTranslation("login.paused.title"));
                i18n.getErrorMessage().setMessage(getTranslation("login.paused.message",
                        throttled.retryAfterSeconds()));
            } else if (why instanceof Throwable failure && DatabaseOutage.causedBy(failure)) {
                i18n.getErrorMessage().setTitle(getTranslation("login.unavailable.title"));
                i18n.getErrorMessage().setMessage(getTranslation("error.database-unavailable"));
            } else if (why instanceof AuthenticationException refused && explanation(refused) != null) {
                String key = explanation(refused);
                i18n.getErrorMessage().setTitle(getTranslation(key + ".title"));
                i18n.getErrorMessage().setMessage(getTranslation(key + ".message"));
            }
            form.setI18n(i18n);
        }
        form.setError(failed);
    }

    /**
     * What to tell someone whose credentials may well have been right: the directory was out of reach, their
     * groups give no role, their name is taken, their account is disabled, or the provider refused.
     */
    private static String explanation(AuthenticationException refused) {
        if (refused instanceof DirectoryUnavailableException) {
            return "login.directory-unavailable";
        }
        if (refused instanceof AccountWithoutRoleException) {
            return "login.no-role";
        }
        if (refused instanceof AccountNameTakenException) {
            return "login.name-taken";
        }
        if (refused instanceof AccountDisabledException) {
            return "login.disabled";
        }
        if (refused instanceof OAuth2AuthenticationException) {
            return "login.sso-failed";
        }
        return null;
    }

    private static Object lastFailure() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        HttpSession session = request == null ? null : request.getHttpServletRequest().getSession(false);
        return session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
