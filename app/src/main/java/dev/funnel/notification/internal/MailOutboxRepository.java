package dev.funnel.notification.internal;

import static dev.funnel.jooq.Tables.MAIL_OUTBOX;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** E-mail waiting to be sent, sent, or given up on. */
@Repository
public class MailOutboxRepository {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private final DSLContext db;

    MailOutboxRepository(DSLContext db) {
        this.db = db;
    }

    public record Queued(long id, String to, String subject, String body, int attempts) {
    }

    public void enqueue(long userId, String to, String subject, String body, OffsetDateTime at) {
        db.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.USER_ID, userId).set(MAIL_OUTBOX.TO_ADDRESS, to).set(MAIL_OUTBOX.KIND, "IMMEDIATE")
                .set(MAIL_OUTBOX.SUBJECT, subject).set(MAIL_OUTBOX.BODY, body)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, at).set(MAIL_OUTBOX.CREATED_AT, at)
                .execute();
    }

    /** Queues the user's digest of a day; answers false when that day's digest exists already. */
    public boolean enqueueDigest(long userId, String to, java.time.LocalDate day, String subject, String body,
                                 OffsetDateTime at) {
        return db.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.USER_ID, userId).set(MAIL_OUTBOX.TO_ADDRESS, to).set(MAIL_OUTBOX.KIND, "DIGEST")
                .set(MAIL_OUTBOX.DIGEST_DAY, day)
                .set(MAIL_OUTBOX.SUBJECT, subject).set(MAIL_OUTBOX.BODY, body)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, at).set(MAIL_OUTBOX.CREATED_AT, at)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** When the user's last digest was put together, if ever: the next one starts after it. */
    public Optional<OffsetDateTime> lastDigest(long userId) {
        return db.select(DSL.max(MAIL_OUTBOX.CREATED_AT)).from(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.USER_ID.eq(userId)).and(MAIL_OUTBOX.KIND.eq("DIGEST"))
                .fetchOptional(0, OffsetDateTime.class);
    }

    /**
     * Locks up to {@code limit} due messages for this transaction; messages another instance is sending right now
     * are skipped, not waited for, so two senders never send one message twice.
     */
    public List<Queued> lockDue(OffsetDateTime now, int limit) {
        return db.select(MAIL_OUTBOX.ID, MAIL_OUTBOX.TO_ADDRESS, MAIL_OUTBOX.SUBJECT, MAIL_OUTBOX.BODY,
                        MAIL_OUTBOX.ATTEMPTS)
                .from(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.STATUS.eq(PENDING)).and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(r -> new Queued(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    public void sent(long id, OffsetDateTime at) {
        db.update(MAIL_OUTBOX).set(MAIL_OUTBOX.STATUS, SENT).set(MAIL_OUTBOX.SENT_AT, at)
                .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
                .where(MAIL_OUTBOX.ID.eq(id)).execute();
    }

    /** A failed attempt: try again at {@code retryAt}, or give up when that is null. */
    public void failed(long id, String error, OffsetDateTime at, OffsetDateTime retryAt) {
        db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
                .set(MAIL_OUTBOX.LAST_ERROR, at + " " + error)
                .set(MAIL_OUTBOX.STATUS, retryAt == null ? FAILED : PENDING)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, retryAt == null ? at : retryAt)
                .where(MAIL_OUTBOX.ID.eq(id)).execute();
    }

    public long count(String status) {
        return db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.STATUS.eq(status));
    }

    /** The latest failure to send: its text (which starts with its time). */
    public Optional<String> lastError() {
        return db.select(MAIL_OUTBOX.LAST_ERROR).from(MAIL_OUTBOX).where(MAIL_OUTBOX.LAST_ERROR.isNotNull())
                .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT.desc()).limit(1).fetchOptional(MAIL_OUTBOX.LAST_ERROR);
    }
}
