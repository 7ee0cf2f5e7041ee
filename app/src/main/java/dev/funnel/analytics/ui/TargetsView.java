package dev.funnel.analytics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.analytics.PeriodKind;
import dev.funnel.analytics.Target;
import dev.funnel.analytics.TargetDraft;
import dev.funnel.analytics.TargetProgress;
import dev.funnel.analytics.TargetService;
import dev.funnel.currency.CurrencyService;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.Formats;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.platform.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Targets and how far each is reached: per rep and team, for a month or a quarter — won against the target,
 * commit, best case and pipeline expected to close in it, the gap and the coverage. Administrators set them here
 * (or import them).
 */
@Route("targets")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class TargetsView extends VerticalLayout implements HasDynamicTitle {

    private final TargetService targets;
    final PeriodPicker picker;
    final Grid<TargetProgress> grid = new Grid<>();
    final Button add = new Button();

    public TargetsView(TargetService targets, TeamService teams, UserService users, CurrencyService currencies,
                       Clock clock) {
        this.targets = targets;
        setSizeFull();
        LocalDate today = LocalDate.now(clock);
        picker = new PeriodPicker(today, 6, 6, this::refresh);

        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(p -> p.target().name() + (p.target().teamId() != null ? " " + getTranslation("target.team-mark")
                : "")).setHeader(getTranslation("target.whose")).setFlexGrow(2);
        grid.addColumn(p -> money(p.target().amount(), p)).setHeader(getTranslation("target.amount"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(p -> money(p.won(), p)).setHeader(getTranslation("report.won-amount"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addComponentColumn(this::bar).setHeader(getTranslation("target.reached"));
        grid.addColumn(p -> money(p.commit(), p)).setHeader(getTranslation("target.commit"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(p -> money(p.bestCase(), p)).setHeader(getTranslation("target.best-case"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(p -> money(p.pipeline(), p)).setHeader(getTranslation("target.pipeline"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(p -> money(p.gap(), p)).setHeader(getTranslation("target.gap"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(p -> p.coverage().map(c -> c.setScale(2, RoundingMode.HALF_UP) + "×").orElse("–"))
                .setHeader(getTranslation("target.coverage")).setTextAlign(ColumnTextAlign.END);

        boolean admin = users.current().isAdmin();
        add.setText(getTranslation("target.set"));
        add.setIcon(VaadinIcon.PLUS.create());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(admin);
        add.addClickListener(e -> new TargetDialog(picker.kind(), picker.start(), null, users.assignableOwners(),
                teams.list(), currencies.currencies()).open());
        if (admin) {
            grid.addItemClickListener(e -> new TargetDialog(picker.kind(), picker.start(), e.getItem().target(),
                    users.assignableOwners(), teams.list(), currencies.currencies()).open());
        }
        Span none = new Span(getTranslation(admin ? "target.empty.admin" : "target.empty"));
        none.addClassName("funnel-empty-state");
        grid.getElement().appendChild(none.getElement().setAttribute("slot", "empty-state"));
        HorizontalLayout bar = new HorizontalLayout(picker, add);
        bar.setAlignItems(Alignment.BASELINE);
        add(bar, grid);
        expand(grid);
        picker.kind.setValue(PeriodKind.MONTH);
    }

    void refresh() {
        if (picker.kind() != null && picker.start() != null) {
            grid.setItems(targets.progress(picker.kind(), picker.start()));
        }
    }

    private String money(BigDecimal amount, TargetProgress progress) {
        return Formats.money(amount, progress.target().currency(), getLocale());
    }

    private ProgressBar bar(TargetProgress progress) {
        ProgressBar bar = new ProgressBar();
        double share = progress.target().amount().signum() == 0 ? 1
                : progress.won().divide(progress.target().amount(), 4, RoundingMode.HALF_UP).doubleValue();
        bar.setValue(Math.min(1, share));
        bar.setWidth("6em");
        return bar;
    }

    /** Sets one target: for whom, the amount, the currency; an existing one keeps its person or team. */
    final class TargetDialog extends Dialog {

        final RadioButtonGroup<String> whose = new RadioButtonGroup<>();
        final ComboBox<UserSummary> rep = new ComboBox<>();
        final ComboBox<Team> team = new ComboBox<>();
        final BigDecimalField amount = new BigDecimalField();
        final ComboBox<String> currency = new ComboBox<>();
        final Span problem = new Span();

        TargetDialog(PeriodKind periodKind, LocalDate start, Target existing, List<UserSummary> reps, List<Team> teamList,
                     List<String> currencies) {
            setHeaderTitle(getTranslation("target.set") + " · " + periodKind.label(start));
            whose.setItems("rep", "team");
            whose.setItemLabelGenerator(w -> getTranslation("target.for." + w));
            rep.setLabel(getTranslation("report.filter.rep"));
            rep.setItems(reps);
            rep.setItemLabelGenerator(UserSummary::fullName);
            team.setLabel(getTranslation("report.filter.team"));
            team.setItems(teamList);
            team.setItemLabelGenerator(Team::name);
            amount.setLabel(getTranslation("target.amount"));
            currency.setLabel(getTranslation("report.filter.currency"));
            currency.setItems(currencies);
            problem.getStyle().set("color", "var(--lumo-error-text-color)");
            whose.addValueChangeListener(e -> {
                rep.setVisible("rep".equals(e.getValue()));
                team.setVisible("team".equals(e.getValue()));
            });
            if (existing == null) {
                whose.setValue("rep");
                currency.setValue(currencies.get(0));
            } else {
                whose.setValue(existing.ownerId() != null ? "rep" : "team");
                reps.stream().filter(u -> u.id() == (existing.ownerId() == null ? -1 : existing.ownerId()))
                        .findFirst().ifPresent(rep::setValue);
                teamList.stream().filter(t -> t.id() == (existing.teamId() == null ? -1 : existing.teamId()))
                        .findFirst().ifPresent(team::setValue);
                amount.setValue(existing.amount());
                currency.setValue(existing.currency());
                whose.setReadOnly(true);
                rep.setReadOnly(true);
                team.setReadOnly(true);
                currency.setReadOnly(true);
            }
            add(new VerticalLayout(whose, rep, team, amount, currency, problem));
            Button save = new Button(getTranslation("action.save"), e -> {
                TargetDraft draft = new TargetDraft(periodKind, start,
                        "rep".equals(whose.getValue()) && rep.getValue() != null ? rep.getValue().id() : null,
                        "team".equals(whose.getValue()) && team.getValue() != null ? team.getValue().id() : null,
                        amount.getValue(), currency.getValue());
                FieldErrors errors = new FieldErrors(this).bind("ownerId", "rep".equals(whose.getValue()) ? rep : team)
                        .bind("amount", amount).bind("currency", currency);
                try {
                    if (errors.attempt(() -> targets.set(draft, existing == null ? null : existing.version()))) {
                        close();
                        refresh();
                    }
                } catch (StaleVersionException ex) {
                    problem.setText(getTranslation("target.stale"));
                }
            });
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), save);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.targets") + " · " + getTranslation("app.name");
    }
}
