package dev.funnel.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.identity.ApiToken;
import dev.funnel.identity.ApiTokenScope;
import dev.funnel.identity.ApiTokenService;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.IssuedApiToken;
import dev.funnel.identity.NewApiToken;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * API tokens (API 令牌): the signed-in user's tokens for scripts and integrations, created with a name, a scope and an
 * expiry, the secret shown once; revoked with one click. Administrators also see everyone's tokens and create tokens
 * for the accounts integrations run as.
 */
@Route("me/tokens")
@PermitAll
public class ApiTokensView extends VerticalLayout implements HasDynamicTitle {

    /** The expiries offered, in days; empty stands for "never". */
    static final List<Integer> EXPIRY_DAYS = List.of(30, 90, 365, 0);

    private final ApiTokenService tokens;
    private final UserService users;
    private final Clock clock;
    private final CurrentUser me;
    final Grid<ApiToken> grid = new Grid<>();
    final Button create = new Button();
    final Checkbox everyone = new Checkbox();

    public ApiTokensView(ApiTokenService tokens, UserService users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.me = users.current();
        setSizeFull();
        addClassName("funnel-tokens");
        H2 title = new H2(getTranslation("tokens.title"));
        title.addClassName("funnel-view-title");
        Paragraph explain = new Paragraph(getTranslation("tokens.explain"));
        explain.addClassName("funnel-fact");
        create.setText(getTranslation("tokens.create"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("token-create");
        create.addClickListener(e -> openCreate());
        everyone.setLabel(getTranslation("tokens.everyone"));
        everyone.setId("token-everyone");
        everyone.setVisible(me.isAdmin());
        everyone.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(create, everyone);
        bar.setAlignItems(Alignment.CENTER);
        bar.setWrap(true);

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(this::what).setKey("token").setHeader(getTranslation("tokens.column.token")).setFlexGrow(2);
        grid.addComponentColumn(this::state).setKey("state").setHeader(getTranslation("tokens.column.state")).setFlexGrow(2);
        grid.addComponentColumn(t -> {
            Button revoke = new Button(VaadinIcon.BAN.create(), e -> confirmRevoke(t));
            revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            revoke.setAriaLabel(getTranslation("tokens.revoke"));
            revoke.setTooltipText(getTranslation("tokens.revoke"));
            revoke.setVisible(t.revokedAt() == null);
            return revoke;
        }).setAutoWidth(true).setFlexGrow(0);
        Span none = new Span(getTranslation("tokens.empty"));
        none.addClassName("funnel-empty-state");
        grid.getElement().appendChild(none.getElement().setAttribute("slot", "empty-state"));
        add(title, explain, bar, grid);
        expand(grid);
        refresh();
    }

    void refresh() {
        grid.setItems(everyone.getValue() ? tokens.all() : tokens.mine());
    }

    /** The token's name, its secret's first characters, its scope and, among everyone's, its user. */
    private Div what(ApiToken token) {
        Span name = new Span(token.name());
        name.getStyle().set("font-weight", "600");
        String scope = getTranslation("tokens.scope." + ApiTokenScope.widest(token.scopes()).apiName());
        Span details = new Span(token.prefix() + "… · " + scope
                + (token.userId() == me.id() ? "" : " · " + token.username()));
        details.addClassName("funnel-fact");
        return new Div(name, new Div(details));
    }

    /** Active until when, or expired, or revoked; and when and from where it was last used. */
    private Div state(ApiToken token) {
        Instant now = clock.instant();
        String status;
        if (token.revokedAt() != null) {
            status = getTranslation("tokens.revoked-at", time(token.revokedAt()));
        } else if (!token.activeAt(now)) {
            status = getTranslation("tokens.expired-at", time(token.expiresAt()));
        } else if (token.expiresAt() == null) {
            status = getTranslation("tokens.never-expires");
        } else {
            status = getTranslation("tokens.expires-on", Formats.date(
                    LocalDate.ofInstant(token.expiresAt().minusNanos(1), clock.getZone()), getLocale()));
        }
        Span state = new Span(status);
        if (!token.activeAt(now)) {
            state.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        Span used = new Span(token.lastUsedAt() == null ? getTranslation("tokens.never-used")
                : getTranslation("tokens.last-used", time(token.lastUsedAt()),
                        token.lastUsedFrom() == null ? "?" : token.lastUsedFrom()));
        used.addClassName("funnel-fact");
        return new Div(new Div(state), new Div(used));
    }

    private String time(Instant instant) {
        return Formats.dateTime(OffsetDateTime.ofInstant(instant, clock.getZone()), clock.getZone(), getLocale());
    }

    void openCreate() {
        TextField name = new TextField(getTranslation("tokens.field.name"));
        name.setId("token-name");
        name.setHelperText(getTranslation("tokens.field.name.help"));
        name.setMaxLength(ApiTokenService.NAME_MAX);
        name.setWidthFull();
        RadioButtonGroup<ApiTokenScope> scope = new RadioButtonGroup<>(getTranslation("tokens.field.scope"));
        scope.setId("token-scope");
        ComboBox<UserSummary> owner = new ComboBox<>(getTranslation("tokens.field.owner"));
        owner.setId("token-owner");
        owner.setItemLabelGenerator(u -> u.fullName() + " (" + u.username() + ")");
        owner.setHelperText(getTranslation("tokens.field.owner.help"));
        owner.setVisible(me.isAdmin());
        if (me.isAdmin()) {
            List<UserSummary> all = users.list().stream().filter(UserSummary::enabled)
                    .sorted(Comparator.comparing(UserSummary::username)).toList();
            owner.setItems(all);
            all.stream().filter(u -> u.id() == me.id()).findFirst().ifPresent(owner::setValue);
        }
        scope.setItems(List.of(ApiTokenScope.values()));
        scope.setItemLabelGenerator(s -> getTranslation("tokens.scope." + s.apiName()));
        scope.setItemEnabledProvider(s -> s != ApiTokenScope.ADMIN
                || (owner.getValue() == null ? me.isAdmin() : owner.getValue().roles().contains(
                        dev.funnel.identity.Role.ADMIN)));
        owner.addValueChangeListener(e -> {
            scope.setItemEnabledProvider(scope.getItemEnabledProvider());
            if (scope.getValue() == ApiTokenScope.ADMIN && e.getValue() != null
                    && !e.getValue().roles().contains(dev.funnel.identity.Role.ADMIN)) {
                scope.setValue(ApiTokenScope.WRITE);
            }
        });
        scope.setValue(ApiTokenScope.READ);
        scope.setHelperText(getTranslation("tokens.field.scope.help"));
        Select<Integer> expiry = new Select<>();
        expiry.setLabel(getTranslation("tokens.field.expiry"));
        expiry.setId("token-expiry");
        expiry.setItems(EXPIRY_DAYS);
        expiry.setItemLabelGenerator(days -> days == 0 ? getTranslation("tokens.expiry.never")
                : getTranslation("tokens.expiry.days", days));
        expiry.setValue(90);
        FormLayout form = new FormLayout(name, owner, scope, expiry);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        form.setMaxWidth("32rem");
        FieldErrors errors = new FieldErrors(this).bind("name", name).bind("scopes", scope).bind("expiresOn", expiry)
                .bind("userId", owner);
        AtomicReference<IssuedApiToken> issued = new AtomicReference<>();
        FormDialogs.open(getTranslation("tokens.create"), form, errors, getTranslation("tokens.create.confirm"), () -> {
            NewApiToken request = new NewApiToken(name.getValue(), scope.getValue() == null ? Set.of()
                    : Set.of(scope.getValue()), expiry.getValue() == null || expiry.getValue() == 0 ? null
                    : LocalDate.now(clock).plusDays(expiry.getValue()));
            issued.set(owner.getValue() != null && owner.getValue().id() != me.id()
                    ? tokens.issueFor(owner.getValue().id(), request) : tokens.issueMine(request));
        }, () -> {
            refresh();
            showSecret(issued.get());
        });
    }

    /** The secret, once: it is not kept, so it cannot be shown again. */
    void showSecret(IssuedApiToken issued) {
        dev.funnel.platform.ui.ShownOnce.open(this, "token-secret-dialog",
                getTranslation("tokens.secret.title", issued.token().name()), issued.secret(),
                getTranslation("tokens.secret.once"), getTranslation("tokens.secret.usage"));
    }

    void confirmRevoke(ApiToken token) {
        Paragraph question = new Paragraph(getTranslation("tokens.revoke.confirm", token.name(), token.prefix()));
        FormDialogs.open(getTranslation("tokens.revoke"), question, new FieldErrors(this),
                getTranslation("tokens.revoke"), () -> tokens.revoke(token.id()), this::refresh);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tokens.title") + " · " + getTranslation("app.name");
    }
}
