package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Won and Lost actions of the deal page and the board, and the settling of a gate: winning goes through the
 * exit criteria of the deal's stage and every later one, losing through the configured lost reasons, and both ask
 * before they close the deal.
 */
final class Closing {

    private final OpportunityServices deals;
    private final TaskService tasks;
    private final ChoiceService choices;
    private final UserService users;
    private final Clock clock;

    Closing(OpportunityServices deals, TaskService tasks, ChoiceService choices, UserService users,
            Clock clock) {
        this.deals = deals;
        this.tasks = tasks;
        this.choices = choices;
        this.users = users;
        this.clock = clock;
    }

    /** Confirms the ticked checklist items and completes the ticked tasks of the deal. */
    void settle(long dealId, GateDialog.Decision decision) {
        decision.criteria().forEach(criterion -> deals.progress().confirmCriterion(dealId, criterion));
        decision.tasks().forEach(taskId -> tasks.complete(taskId, tasks.get(taskId).version(), null));
    }

    /**
     * Asks for the won amount and date, shows what the gate still needs, and closes the deal as won.
     *
     * @param closed runs after the deal was closed
     * @param editFields opens the opportunity form, for a required field that is empty
     */
    GateDialog won(long dealId, Component owner, Runnable closed, Runnable editFields) {
        Opportunity deal = deals.queries().get(dealId);
        BigDecimalField amount = new BigDecimalField(owner.getTranslation("opportunity.actual-amount"));
        amount.setValue(deal.amount());
        amount.setSuffixComponent(new Span(deal.currency()));
        DatePicker date = new DatePicker(owner.getTranslation("opportunity.actual-close-date"), LocalDate.now(clock));
        date.setMax(LocalDate.now(clock));
        FormLayout form = new FormLayout(amount, date);
        FieldErrors errors = new FieldErrors(owner).bind("actualAmount", amount).bind("actualCloseDate", date);
        GateDialog[] dialog = new GateDialog[1];
        dialog[0] = new GateDialog(owner.getTranslation("close.won.title", deal.name()),
                deals.outcomes().missingToWin(dealId), users.current().isManager(),
                List.of(form, new Paragraph(owner.getTranslation("close.won.intro",
                        Formats.money(deal.amount(), deal.currency(), locale(owner))))),
                owner.getTranslation("close.won.confirm"), decision -> {
                    boolean done = errors.attempt(() -> {
                        settle(dealId, decision);
                        Opportunity current = deals.queries().get(dealId);
                        deals.outcomes().win(dealId, current.version(), amount.getValue(), date.getValue(),
                                decision.overrideReason());
                    });
                    if (done) {
                        dialog[0].close();
                        success(owner.getTranslation("close.won.done", deal.name()));
                        closed.run();
                    }
                }, editFields);
        dialog[0].open();
        return dialog[0];
    }

    /** Asks for a configured lost reason and a comment, and closes the deal as lost. */
    Dialog lost(long dealId, Component owner, Runnable closed) {
        Opportunity deal = deals.queries().get(dealId);
        List<Choice> reasons = choices.lostReasons();
        Map<String, String> labels = reasons.stream()
                .collect(Collectors.toMap(Choice::code, c -> c.label(locale(owner)), (a, b) -> a));
        Select<String> reason = new Select<>();
        reason.setLabel(owner.getTranslation("opportunity.lost-reason"));
        reason.setItems(reasons.stream().map(Choice::code).toList());
        reason.setItemLabelGenerator(code -> labels.getOrDefault(code, code));
        reason.setRequiredIndicatorVisible(true);
        TextArea comment = new TextArea(owner.getTranslation("opportunity.lost-comment"));
        comment.setWidthFull();
        Dialog dialog = new Dialog(owner.getTranslation("close.lost.title", deal.name()));
        dialog.addClassName("funnel-gate-dialog");
        dialog.add(new Paragraph(owner.getTranslation("close.lost.intro")), new FormLayout(reason, comment));
        FieldErrors errors = new FieldErrors(dialog).bind("lostReason", reason).bind("comment", comment);
        Button confirm = new Button(owner.getTranslation("close.lost.confirm"), e -> {
            boolean done = errors.attempt(() -> deals.outcomes().lose(dealId, deals.queries().get(dealId).version(),
                    reason.getValue(), comment.getValue()));
            if (done) {
                dialog.close();
                success(owner.getTranslation("close.lost.done", deal.name()));
                closed.run();
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.setEnabled(false);
        reason.addValueChangeListener(e -> confirm.setEnabled(e.getValue() != null));
        dialog.getFooter().add(new Button(owner.getTranslation("action.cancel"), e -> dialog.close()), confirm);
        dialog.open();
        return dialog;
    }

    private static Locale locale(Component owner) {
        return owner.getUI().map(UI::getLocale).orElse(Locale.ENGLISH);
    }

    private static void success(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
