package dev.funnel.notification;

import dev.funnel.identity.UserService;
import dev.funnel.notification.internal.NotificationRepository;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import jakarta.annotation.security.PermitAll;
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
    private final Clock clock;

    NotificationService(NotificationRepository notifications, UserService users, Clock clock) {
        this.notifications = notifications;
        this.users = users;
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
        notifications.insert(userId, messageKey, arguments, link, OffsetDateTime.now(clock));
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
        if (!notifications.markRead(users.current().id(), id, OffsetDateTime.now(clock))) {
            throw new NotFoundException("notification", id);
        }
    }
}
