package dev.funnel.platform.internal;

import static dev.funnel.jooq.Tables.IDEMPOTENT_REQUEST;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The idempotent_request table (changelog 1.10/idempotent-requests.xml): POSTs remembered by their key. */
@Repository
public class IdempotentRequestRepository {

    private final DSLContext db;

    IdempotentRequestRepository(DSLContext db) {
        this.db = db;
    }

    /** What was remembered of a key: the request's fingerprint, and its answer once it has one. */
    public record Remembered(long id, String fingerprint, OffsetDateTime createdAt, Integer status, String contentType,
                             String location, String body) {
    }

    /**
     * Claims the key for a request, unless another request holds it: the claim is one INSERT, so two retries
     * arriving at once cannot both run. Answers the new row's id, or empty when the key was taken.
     */
    public Optional<Long> claim(String username, String key, String fingerprint, OffsetDateTime now) {
        return db.insertInto(IDEMPOTENT_REQUEST)
                .set(IDEMPOTENT_REQUEST.USERNAME, username)
                .set(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY, key)
                .set(IDEMPOTENT_REQUEST.FINGERPRINT, fingerprint)
                .set(IDEMPOTENT_REQUEST.CREATED_AT, now)
                .onConflictDoNothing()
                .returningResult(IDEMPOTENT_REQUEST.ID)
                .fetchOptional(IDEMPOTENT_REQUEST.ID);
    }

    public Optional<Remembered> find(String username, String key) {
        return db.selectFrom(IDEMPOTENT_REQUEST)
                .where(IDEMPOTENT_REQUEST.USERNAME.eq(username).and(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY.eq(key)))
                .fetchOptional(r -> new Remembered(r.getId(), r.getFingerprint(), r.getCreatedAt(), r.getStatus(),
                        r.getContentType(), r.getLocation(), r.getBody()));
    }

    public void answer(long id, int status, String contentType, String location, String body) {
        db.update(IDEMPOTENT_REQUEST)
                .set(IDEMPOTENT_REQUEST.STATUS, status)
                .set(IDEMPOTENT_REQUEST.CONTENT_TYPE, contentType)
                .set(IDEMPOTENT_REQUEST.LOCATION, location)
                .set(IDEMPOTENT_REQUEST.BODY, body)
                .where(IDEMPOTENT_REQUEST.ID.eq(id))
                .execute();
    }

    /** Lets the key be used again: the request failed in a way a retry may fix, or the row has expired. */
    public void release(long id) {
        db.deleteFrom(IDEMPOTENT_REQUEST).where(IDEMPOTENT_REQUEST.ID.eq(id)).execute();
    }

    /** Forgets the keys claimed before the moment; answers how many. */
    public int forgetBefore(OffsetDateTime moment) {
        return db.deleteFrom(IDEMPOTENT_REQUEST).where(IDEMPOTENT_REQUEST.CREATED_AT.lt(moment)).execute();
    }
}
