package dev.funnel.notification;

import dev.funnel.identity.UserService;
import dev.funnel.identity.Role;
import dev.funnel.notification.internal.MailOutboxRepository;
import dev.funnel.notification.internal.MailSettings;
import dev.funnel.notification.internal.Mailer;
import dev.funnel.notification.internal.NotificationRepository;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications in the app. Other modules notify inside their own transaction, so a notification exists exactly
 * when what it reports happened; a user reads and marks only their own.
 */
@Service
@Transactional(readOnly = true)
public class NotificationService {

    private final NotificationRepository notifications;
    private final UserService users;
    private final UnreadCounts unreadCounts;
    private final Mailer mailer;
    private final MailSettings mail;
    private final MailOutboxRepository outbox;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    NotificationService(NotificationRepository notifications, UserService users, UnreadCounts unreadCounts,
                        Mailer mailer, MailSettings mail, MailOutboxRepository outbox, Clock clock,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.notifications = notifications;
        this.users = users;
        this.unreadCounts = unreadCounts;
        this.mailer = mailer;
        this.mail = mail;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Tells a user something.
     *
     * @param messageKey a key of the bundles; the arguments fill its placeholders
     * @param link       the route it leads to ('customers/12'), or null
     */
    @PermitAll
    @Transactional
    public void notify(long userId, String messageKey, List<String> arguments, String link) {
        notifyAll(List.of(new NewNotification(userId, messageKey, arguments, link)));
    }

    /** Tells several users something at once, in one statement. */
    @PermitAll
    @Transactional
    public void notifyAll(List<NewNotification> batch) {
        if (!batch.isEmpty()) {
            notifications.insertAll(batch, OffsetDateTime.now(clock));
            mailer.queue(batch);
            unreadCounts.changed(batch.stream().map(NewNotification::userId).distinct().toList());
            // after the commit, for whoever passes notifications on (the plugins' group-chat robots)
            batch.forEach(n -> events.publishEvent(new NotificationCreated(java.util.UUID.randomUUID(),
                    clock.instant(), n.userId(), n.messageKey(), n.arguments(), n.link())));
        }
    }

    /** Whether e-mail is on, and how the outbox stands: for Admin. */
    @RolesAllowed(Role.Names.ADMIN)
    public MailStatus mailStatus() {
        return new MailStatus(mail.enabled(), mail.enabled() ? mail.server() + " (" + mail.from() + ")" : null,
                mail.problem(), outbox.count("PENDING"), outbox.count("FAILED"), outbox.count("SENT"),
                outbox.lastError().orElse(null));
    }

    @PermitAll
    public PageResult<Notification> mine(boolean unreadOnly, PageRequest page) {
        long me = users.current().id();
        return new PageResult<>(notifications.find(me, unreadOnly, page.offset(), page.limit()),
                notifications.count(me, unreadOnly), page.page(), page.size());
    }

    @PermitAll
    public int unreadCount() {
        return notifications.count(users.current().id(), true);
    }

    @PermitAll
    @Transactional
    public void markRead(long id) {
        long me = users.current().id();
        if (!notifications.markRead(me, id, OffsetDateTime.now(clock))) {
            throw new NotFoundException("notification", id);
        }
        unreadCounts.changed(List.of(me));
    }

    /** Marks all of the caller's notifications read; answers how many were unread. */
    @PermitAll
    @Transactional
    public int markAllRead() {
        long me = users.current().id();
        int marked = notifications.markAllRead(me, OffsetDateTime.now(clock));
        if (marked > 0) {
            unreadCounts.changed(List.of(me));
        }
        return marked;
    }
}
