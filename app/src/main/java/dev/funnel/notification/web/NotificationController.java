package dev.funnel.notification.web;

import dev.funnel.notification.Notification;
import dev.funnel.notification.NotificationService;
import dev.funnel.platform.Messages;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notifications: newest first, worded in the caller's language (Accept-Language). */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
class NotificationController {

    private final NotificationService notifications;
    private final Messages messages;

    NotificationController(NotificationService notifications, Messages messages) {
        this.notifications = notifications;
        this.messages = messages;
    }

    /**
     * @param type what happened: the bundle key of the message, for example {@code notification.rule.stalled-deal}
     * @param text the message in the caller's language
     * @param link the app route it leads to, for example {@code opportunities/42}, or null
     */
    record NotificationView(long id, String type, String text, List<String> arguments, String link,
                            OffsetDateTime createdAt, OffsetDateTime readAt, boolean unread) {
    }

    @GetMapping
    @Operation(summary = "The caller's notifications, newest first; unread=true for the unread ones only")
    PageResult<NotificationView> mine(@RequestParam(defaultValue = "false") boolean unread,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size, Locale locale) {
        PageResult<Notification> found = notifications.mine(unread, PageRequest.of(page, size));
        return new PageResult<>(found.items().stream().map(n -> new NotificationView(n.id(), n.messageKey(),
                messages.get(n.messageKey(), locale, n.arguments().toArray()), n.arguments(), n.link(),
                n.createdAt(), n.readAt(), n.unread())).toList(), found.total(), found.page(), found.size());
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Marks one of the caller's notifications read; another user's is not found")
    ResponseEntity<Void> read(@PathVariable long id) {
        notifications.markRead(id);
        return ResponseEntity.noContent().build();
    }

    /** How many notifications a read-all marked. */
    record ReadAll(int marked) {
    }

    @PostMapping("/read-all")
    @Operation(summary = "Marks all of the caller's notifications read and answers how many were unread")
    ReadAll readAll() {
        return new ReadAll(notifications.markAllRead());
    }
}
