package dev.funnel.notification.internal;

import dev.funnel.identity.MailProfile;
import dev.funnel.notification.NewNotification;
import dev.funnel.notification.Notification;
import dev.funnel.platform.Messages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Words e-mail in its reader's language: one notification, or a day's digest, each with links back to the app. */
@Component
public class MailComposer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Messages messages;
    private final MailSettings settings;

    MailComposer(Messages messages, MailSettings settings) {
        this.messages = messages;
        this.settings = settings;
    }

    public record Mail(String subject, String body) {
    }

    public Mail single(MailProfile to, NewNotification notification) {
        Locale locale = localeOf(to);
        String text = messages.get(notification.messageKey(), locale, notification.arguments().toArray());
        StringBuilder body = new StringBuilder()
                .append(messages.get("mail.greeting", locale, to.fullName())).append("\n\n")
                .append(text).append("\n");
        if (notification.link() != null) {
            body.append(messages.get("mail.open", locale, settings.link(notification.link()))).append("\n");
        }
        body.append("\n").append(footer(locale));
        return new Mail(subject(messages.get("mail.subject", locale, text)), body.toString());
    }

    public Mail digest(MailProfile to, List<Notification> notifications, ZoneId zone) {
        Locale locale = localeOf(to);
        StringBuilder body = new StringBuilder()
                .append(messages.get("mail.greeting", locale, to.fullName())).append("\n\n")
                .append(messages.get("mail.digest.intro", locale, notifications.size())).append("\n\n");
        for (Notification n : notifications) {
            body.append("- ").append(WHEN.format(n.createdAt().atZoneSameInstant(zone))).append("  ")
                    .append(messages.get(n.messageKey(), locale, n.arguments().toArray())).append("\n");
            if (n.link() != null) {
                body.append("  ").append(settings.link(n.link())).append("\n");
            }
        }
        body.append("\n").append(messages.get("mail.open-all", locale, settings.link("notifications")))
                .append("\n\n").append(footer(locale));
        return new Mail(subject(messages.get("mail.digest.subject", locale, notifications.size())), body.toString());
    }

    private String footer(Locale locale) {
        return messages.get("mail.footer", locale);
    }

    private static String subject(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    private static Locale localeOf(MailProfile to) {
        return to.locale() == null ? Messages.CHINESE : Messages.supported(Locale.forLanguageTag(to.locale()));
    }

}
