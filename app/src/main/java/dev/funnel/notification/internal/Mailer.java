package dev.funnel.notification.internal;

import dev.funnel.identity.EmailChoice;
import dev.funnel.identity.MailProfile;
import dev.funnel.identity.UserService;
import dev.funnel.notification.NewNotification;
import dev.funnel.notification.Notification;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications by e-mail. A notification for someone who chose e-mail at once is put in the outbox in the
 * notification's own transaction; those who chose a digest get one message a day with everything since the
 * last. A job sends the outbox: a message that cannot be sent (server down, address refused) is tried again
 * after 1, 5, 30, 120 and 480 minutes, then given up and shown in Admin — never failing anyone's action.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    /** Pauses after the 1st, 2nd, … failed attempt; after the last, the message is given up. */
    static final List<Duration> BACK_OFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(8));
    private static final int BATCH = 50;

    private final MailSettings settings;
    private final MailComposer composer;
    private final MailOutboxRepository outbox;
    private final NotificationRepository notifications;
    private final UserService users;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Mailer(MailSettings settings, MailComposer composer, MailOutboxRepository outbox,
           NotificationRepository notifications, UserService users, TransactionTemplate transaction, Clock clock) {
        this.settings = settings;
        this.composer = composer;
        this.outbox = outbox;
        this.notifications = notifications;
        this.users = users;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** In the caller's transaction: an e-mail for each recipient who wants one at once and has an address. */
    public void queue(List<NewNotification> batch) {
        if (!settings.enabled() || batch.isEmpty()) {
            return;
        }
        Map<Long, MailProfile> profiles = users.mailProfiles(batch.stream().map(NewNotification::userId)
                        .collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(MailProfile::userId, Function.identity()));
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (NewNotification n : batch) {
            MailProfile to = profiles.get(n.userId());
            if (to != null && to.choice() == EmailChoice.IMMEDIATE && to.email() != null) {
                MailComposer.Mail mail = composer.single(to, n);
                outbox.enqueue(to.userId(), to.email(), mail.subject(), mail.body(), now);
            }
        }
    }

    /** Puts together today's digest for everyone who chose one; a second run the same day adds nothing. */
    public int queueDigests() {
        if (!settings.enabled()) {
            return 0;
        }
        int queued = 0;
        for (MailProfile to : users.digestRecipients()) {
            Boolean done = transaction.execute(status -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                List<Notification> since = notifications.between(to.userId(), outbox.lastDigest(to.userId())
                        .orElse(now.minusDays(1)), now);
                if (since.isEmpty()) {
                    return false;
                }
                MailComposer.Mail mail = composer.digest(to, since, clock.getZone());
                return outbox.enqueueDigest(to.userId(), to.email(), LocalDate.now(clock), mail.subject(),
                        mail.body(), now);
            });
            queued += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return queued;
    }

    /** Sends what is due, in batches; answers how many were sent. */
    public int sendDue() {
        JavaMailSender sender = settings.sender().orElse(null);
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        Batch batch;
        do {
            batch = transaction.execute(status -> sendBatch(sender));
            sent += batch.sent();
        } while (batch.full());
        return sent;
    }

    private record Batch(int sent, boolean full) {
    }

    private Batch sendBatch(JavaMailSender sender) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<MailOutboxRepository.Queued> due = outbox.lockDue(now, BATCH);
        int sent = 0;
        for (MailOutboxRepository.Queued mail : due) {
            try {
                send(sender, mail);
                outbox.sent(mail.id(), now);
                sent++;
            } catch (MailException | jakarta.mail.MessagingException e) {
                OffsetDateTime retry = mail.attempts() < BACK_OFF.size() ? now.plus(BACK_OFF.get(mail.attempts()))
                        : null;
                String why = e.getClass().getSimpleName() + ": " + rootMessage(e);
                outbox.failed(mail.id(), why, now, retry);
                log.warn("E-mail {} to {} not sent ({}); {}", mail.id(), mail.to(), why,
                        retry == null ? "given up" : "next try at " + retry);
            }
        }
        return new Batch(sent, due.size() == BATCH);
    }

    private void send(JavaMailSender sender, MailOutboxRepository.Queued mail) throws jakarta.mail.MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        sender.send(message);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
