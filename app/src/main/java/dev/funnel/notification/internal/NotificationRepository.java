package dev.funnel.notification.internal;

import static dev.funnel.jooq.Tables.NOTIFICATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.notification.NewNotification;
import dev.funnel.notification.Notification;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Notifications, always of one user. */
@Repository
public class NotificationRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DSLContext db;

    NotificationRepository(DSLContext db) {
        this.db = db;
    }

    /** In statements of a thousand rows: one statement may bind at most 65,535 values. */
    public void insertAll(List<NewNotification> batch, OffsetDateTime at) {
        for (int start = 0; start < batch.size(); start += 1000) {
            var insert = db.insertInto(NOTIFICATION, NOTIFICATION.USER_ID, NOTIFICATION.MESSAGE_KEY,
                    NOTIFICATION.ARGUMENTS, NOTIFICATION.LINK, NOTIFICATION.CREATED_AT);
            for (NewNotification n : batch.subList(start, Math.min(batch.size(), start + 1000))) {
                try {
                    insert = insert.values(n.userId(), n.messageKey(), JSON.writeValueAsString(n.arguments()),
                            n.link(), at);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("arguments of a notification are plain strings", e);
                }
            }
            insert.execute();
        }
    }

    public List<Notification> find(long userId, boolean unreadOnly, long offset, int limit) {
        return db.selectFrom(NOTIFICATION).where(condition(userId, unreadOnly))
                .orderBy(NOTIFICATION.CREATED_AT.desc(), NOTIFICATION.ID.desc())
                .limit(limit).offset(offset)
                .fetch(r -> new Notification(r.getId(), r.getMessageKey(), arguments(r.getArguments()), r.getLink(),
                        r.getCreatedAt(), r.getReadAt()));
    }

    /** The user's notifications created after a moment (all when null) up to another, oldest first. */
    public List<Notification> between(long userId, OffsetDateTime after, OffsetDateTime upTo) {
        Condition c = NOTIFICATION.USER_ID.eq(userId).and(NOTIFICATION.CREATED_AT.le(upTo));
        if (after != null) {
            c = c.and(NOTIFICATION.CREATED_AT.gt(after));
        }
        return db.selectFrom(NOTIFICATION).where(c).orderBy(NOTIFICATION.CREATED_AT, NOTIFICATION.ID)
                .fetch(r -> new Notification(r.getId(), r.getMessageKey(), arguments(r.getArguments()), r.getLink(),
                        r.getCreatedAt(), r.getReadAt()));
    }

    public int count(long userId, boolean unreadOnly) {
        return db.fetchCount(NOTIFICATION, condition(userId, unreadOnly));
    }

    /** Marks one of the user's notifications read; answers whether it is theirs. */
    public boolean markRead(long userId, long id, OffsetDateTime at) {
        return db.update(NOTIFICATION).set(NOTIFICATION.READ_AT, org.jooq.impl.DSL.coalesce(NOTIFICATION.READ_AT, at))
                .where(NOTIFICATION.ID.eq(id).and(NOTIFICATION.USER_ID.eq(userId))).execute() == 1;
    }

    /** Marks every unread notification of the user read; answers how many were unread. */
    public int markAllRead(long userId, OffsetDateTime at) {
        return db.update(NOTIFICATION).set(NOTIFICATION.READ_AT, at)
                .where(condition(userId, true)).execute();
    }

    private static Condition condition(long userId, boolean unreadOnly) {
        Condition mine = NOTIFICATION.USER_ID.eq(userId);
        return unreadOnly ? mine.and(NOTIFICATION.READ_AT.isNull()) : mine;
    }

    private static List<String> arguments(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
