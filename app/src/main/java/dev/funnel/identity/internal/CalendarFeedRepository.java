package dev.funnel.identity.internal;

import static dev.funnel.jooq.Tables.CALENDAR_FEED;

import dev.funnel.identity.CalendarFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Calendar addresses by the SHA-256 of their secret; at most one live one per user. */
@Repository
public class CalendarFeedRepository {

    /** How stale "last read" may get: calendars poll often, the row is written at most once an hour. */
    static final Duration LAST_USE_GRANULARITY = Duration.ofHours(1);

    private final DSLContext db;
    private final Clock clock;

    CalendarFeedRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The live feed a secret names, for signing its request in. */
    Optional<CalendarFeed> findLiveBySecret(String secret) {
        return db.selectFrom(CALENDAR_FEED)
                .where(CALENDAR_FEED.SECRET_HASH.eq(hash(secret)).and(CALENDAR_FEED.REVOKED_AT.isNull()))
                .fetchOptional(CalendarFeedRepository::toFeed);
    }

    public Optional<CalendarFeed> findLive(long userId) {
        return db.selectFrom(CALENDAR_FEED)
                .where(CALENDAR_FEED.USER_ID.eq(userId).and(CALENDAR_FEED.REVOKED_AT.isNull()))
                .fetchOptional(CalendarFeedRepository::toFeed);
    }

    /** Stops the user's live feed, if any; answers its id. */
    public Optional<Long> revokeLive(long userId) {
        return db.update(CALENDAR_FEED).set(CALENDAR_FEED.REVOKED_AT, OffsetDateTime.now(clock))
                .where(CALENDAR_FEED.USER_ID.eq(userId).and(CALENDAR_FEED.REVOKED_AT.isNull()))
                .returning(CALENDAR_FEED.ID).fetchOptional(CALENDAR_FEED.ID);
    }

    public long insert(long userId, String secret) {
        return db.insertInto(CALENDAR_FEED)
                .set(CALENDAR_FEED.USER_ID, userId)
                .set(CALENDAR_FEED.SECRET_HASH, hash(secret))
                .set(CALENDAR_FEED.CREATED_AT, OffsetDateTime.now(clock))
                .returning(CALENDAR_FEED.ID).fetchOne(CALENDAR_FEED.ID);
    }

    void recordUse(long id, String from) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.update(CALENDAR_FEED)
                .set(CALENDAR_FEED.LAST_USED_AT, now)
                .set(CALENDAR_FEED.LAST_USED_FROM, from == null ? null : from.substring(0, Math.min(from.length(), 64)))
                .where(CALENDAR_FEED.ID.eq(id))
                .and(CALENDAR_FEED.LAST_USED_AT.isNull()
                        .or(CALENDAR_FEED.LAST_USED_AT.lt(now.minus(LAST_USE_GRANULARITY))))
                .execute();
    }

    private static CalendarFeed toFeed(Record r) {
        OffsetDateTime used = r.get(CALENDAR_FEED.LAST_USED_AT);
        return new CalendarFeed(r.get(CALENDAR_FEED.ID), r.get(CALENDAR_FEED.USER_ID),
                r.get(CALENDAR_FEED.CREATED_AT).toInstant(), used == null ? null : used.toInstant(),
                r.get(CALENDAR_FEED.LAST_USED_FROM));
    }

    /** The same hash as API tokens': the secret is as random as theirs. */
    private static String hash(String secret) {
        return ApiTokenRepository.hash(secret);
    }
}
