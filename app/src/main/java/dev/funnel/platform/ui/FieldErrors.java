package dev.funnel.platform.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.Messages;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.RefusedException;
import dev.funnel.platform.Formats;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.platform.FrozenException;
import java.time.ZoneId;
import java.util.Locale;
import com.vaadin.flow.component.UI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows what a service refused next to the field it is about, in the user's language: the service's rules are
 * the only rules, and a form merely displays them.
 */
public final class FieldErrors {

    private final Component owner;
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    public FieldErrors(Component owner) {
        this.owner = owner;
    }

    public FieldErrors bind(String field, HasValidation component) {
        fields.put(field, component);
        return this;
    }

    public void clear() {
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    /** Runs a save; answers whether it succeeded, having shown every problem if not. */
    public boolean attempt(Runnable save) {
        clear();
        try {
            save.run();
            return true;
        } catch (InvalidInputException e) {
            for (FieldProblem problem : e.problems()) {
                String message = owner.getTranslation(problem.messageKey(), problem.arguments().toArray());
                HasValidation field = fields.get(problem.field());
                if (field != null) {
                    field.setErrorMessage(message);
                    field.setInvalid(true);
                } else {
                    // a field the form does not show: name it as the user knows it, never by its API name
                    String label = Messages.has("field." + problem.field(), locale())
                            ? owner.getTranslation("field." + problem.field()) : null;
                    error(label == null ? message : owner.getTranslation("error.field", label, message));
                }
            }
        } catch (RefusedException e) {
            String message = owner.getTranslation(e.messageKey(), e.arguments(locale()));
            HasValidation field = fields.get(e.field());
            if (field != null) {
                field.setErrorMessage(message);
                field.setInvalid(true);
            }
            error(message);
        } catch (StaleVersionException e) {
            error(e.changedBy() == null ? owner.getTranslation("error.stale")
                    : owner.getTranslation("error.stale-by", e.changedBy(),
                            Formats.dateTime(e.changedAt(), ZoneId.systemDefault(), locale())));
        } catch (NotFoundException e) {
            error(owner.getTranslation("error.not-found"));
        } catch (FrozenException e) {
            error(owner.getTranslation("error.frozen"));
        }
        return false;
    }

    private Locale locale() {
        return owner.getUI().map(UI::getLocale).orElse(Locale.ENGLISH);
    }

    private static void error(String message) {
        Notification notification = Notification.show(message, 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
