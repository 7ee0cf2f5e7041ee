package dev.funnel.identity.internal;

import static dev.funnel.jooq.Tables.API_TOKEN;
import static dev.funnel.jooq.Tables.APP_USER;

import dev.funnel.identity.ApiToken;
import dev.funnel.identity.ApiTokenScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * API tokens by the SHA-256 of their secret. The secret is 32 random bytes, so a fast hash keeps it as safe as a
 * slow one would, and finding the token of a request is one look-up in a unique index.
 */
@Repository
public class ApiTokenRepository {

    /** How stale "last used" may get: the row is written at most once a minute per token, not on every request. */
    static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

    private final DSLContext db;
    private final Clock clock;
    private final String bySecret;

    ApiTokenRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.bySecret = renderBySecret(db);
    }

    /**
     * What signing a request in needs to know of the token its secret names; {@code visibleOwners} are the owners
     * whose records its user sees as a manager ({@link UserRepository#visibleOwnerIds}).
     */
    record Bearer(long id, Set<ApiTokenScope> scopes, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                  UserRepository.Credentials user, Set<Long> visibleOwners) {
    }

    /**
     * The token its secret names, with its user's account as it is now and the owners they see as a manager, in one
     * statement per request: rendered once and read straight from JDBC, since every API request signed in by a token
     * runs it (issue 17: through jOOQ's records it was a tenth of the server's time for a page of deals, and asking
     * for the owners apart was one more round trip to the database per request).
     */
    Optional<Bearer> findBySecret(String secret) {
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(bySecret)) {
                statement.setString(1, hash(secret));
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(bearer(row)) : Optional.<Bearer>empty();
                }
            }
        });
    }

    /** The columns of {@link #bySecret}, in the order {@link #bearer} reads them. */
    private static String renderBySecret(DSLContext db) {
        List<Field<?>> columns = new ArrayList<>(UserRepository.CREDENTIALS);
        columns.addAll(List.of(API_TOKEN.ID, API_TOKEN.CAN_READ, API_TOKEN.CAN_WRITE, API_TOKEN.CAN_ADMIN,
                API_TOKEN.EXPIRES_AT, API_TOKEN.REVOKED_AT, API_TOKEN.LAST_USED_AT,
                UserRepository.ownersManagedBy(API_TOKEN.USER_ID)));
        return db.render(db.select(columns)
                .from(API_TOKEN).join(APP_USER).on(APP_USER.ID.eq(API_TOKEN.USER_ID))
                .where(API_TOKEN.SECRET_HASH.eq(DSL.param("hash", String.class))));
    }

    private static Bearer bearer(ResultSet row) throws SQLException {
        int token = UserRepository.CREDENTIALS.size();
        UserRepository.Credentials user = UserRepository.toCredentials(row);
        Set<Long> managed = new java.util.HashSet<>();
        java.sql.Array owners = row.getArray(token + 8);
        if (owners != null) {
            for (Object owner : (Object[]) owners.getArray()) {
                managed.add((Long) owner);
            }
        }
        return new Bearer(row.getLong(token + 1),
                scopes(row.getBoolean(token + 2), row.getBoolean(token + 3), row.getBoolean(token + 4)),
                instant(row, token + 5), instant(row, token + 6), instant(row, token + 7),
                user, UserRepository.withManager(managed, user.id()));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return instant(row.getObject(column, OffsetDateTime.class));
    }

    /** Records a use, unless one was recorded less than a minute before (by this or another request). */
    void recordUse(long id, String from) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.update(API_TOKEN)
                .set(API_TOKEN.LAST_USED_AT, now)
                .set(API_TOKEN.LAST_USED_FROM, from == null ? null : from.substring(0, Math.min(from.length(), 64)))
                .where(API_TOKEN.ID.eq(id))
                .and(API_TOKEN.LAST_USED_AT.isNull().or(API_TOKEN.LAST_USED_AT.lt(now.minus(LAST_USE_GRANULARITY))))
                .execute();
    }

    public Optional<ApiToken> findById(long id) {
        return tokens(API_TOKEN.ID.eq(id)).stream().findFirst();
    }

    public List<ApiToken> findByUser(long userId) {
        return tokens(API_TOKEN.USER_ID.eq(userId));
    }

    public List<ApiToken> findAll() {
        return tokens(org.jooq.impl.DSL.trueCondition());
    }

    /** Stores a new token by its secret's hash; answers its id. */
    public long insert(long userId, String name, String secret, Set<ApiTokenScope> scopes, Instant expiresAt,
                       long createdBy) {
        return db.insertInto(API_TOKEN)
                .set(API_TOKEN.USER_ID, userId)
                .set(API_TOKEN.NAME, name)
                .set(API_TOKEN.SECRET_PREFIX, secret.substring(0, 12))
                .set(API_TOKEN.SECRET_HASH, hash(secret))
                .set(API_TOKEN.CAN_READ, scopes.contains(ApiTokenScope.READ))
                .set(API_TOKEN.CAN_WRITE, scopes.contains(ApiTokenScope.WRITE))
                .set(API_TOKEN.CAN_ADMIN, scopes.contains(ApiTokenScope.ADMIN))
                .set(API_TOKEN.EXPIRES_AT, expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
                .set(API_TOKEN.CREATED_AT, OffsetDateTime.now(clock))
                .set(API_TOKEN.CREATED_BY, createdBy)
                .returningResult(API_TOKEN.ID)
                .fetchOne(0, Long.class);
    }

    public void revoke(long id, long revokedBy) {
        db.update(API_TOKEN)
                .set(API_TOKEN.REVOKED_AT, OffsetDateTime.now(clock))
                .set(API_TOKEN.REVOKED_BY, revokedBy)
                .where(API_TOKEN.ID.eq(id).and(API_TOKEN.REVOKED_AT.isNull()))
                .execute();
    }

    private List<ApiToken> tokens(Condition which) {
        return db.select(API_TOKEN.asterisk(), APP_USER.USERNAME)
                .from(API_TOKEN.join(APP_USER).on(APP_USER.ID.eq(API_TOKEN.USER_ID)))
                .where(which)
                .orderBy(API_TOKEN.ID.desc())
                .fetch(ApiTokenRepository::token);
    }

    private static ApiToken token(Record r) {
        return new ApiToken(r.get(API_TOKEN.ID), r.get(API_TOKEN.USER_ID), r.get(APP_USER.USERNAME),
                r.get(API_TOKEN.NAME), r.get(API_TOKEN.SECRET_PREFIX),
                scopes(r.get(API_TOKEN.CAN_READ), r.get(API_TOKEN.CAN_WRITE), r.get(API_TOKEN.CAN_ADMIN)),
                instant(r.get(API_TOKEN.EXPIRES_AT)), instant(r.get(API_TOKEN.CREATED_AT)),
                instant(r.get(API_TOKEN.LAST_USED_AT)), r.get(API_TOKEN.LAST_USED_FROM),
                instant(r.get(API_TOKEN.REVOKED_AT)));
    }

    private static Set<ApiTokenScope> scopes(boolean read, boolean write, boolean admin) {
        Set<ApiTokenScope> scopes = EnumSet.noneOf(ApiTokenScope.class);
        if (read) {
            scopes.add(ApiTokenScope.READ);
        }
        if (write) {
            scopes.add(ApiTokenScope.WRITE);
        }
        if (admin) {
            scopes.add(ApiTokenScope.ADMIN);
        }
        return scopes;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
