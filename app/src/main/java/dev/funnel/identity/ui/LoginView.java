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
import dev.funnel.identity.SignInThrottledException;
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

    public LoginView() {
        addClassName("funnel-login");
        setSizeFull();
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n());
        add(form, languages());
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
            }
            form.setI18n(i18n);
        }
        form.setError(failed);
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
