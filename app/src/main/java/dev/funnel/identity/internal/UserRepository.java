package dev.funnel.identity.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.TEAM;
import static dev.funnel.jooq.Tables.USER_ROLE;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import dev.funnel.identity.EmailChoice;
import dev.funnel.identity.MailProfile;
import dev.funnel.identity.NewUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.SignInSource;
import dev.funnel.identity.UserChanges;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.NameMatches;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Record11;
import org.jooq.SelectJoinStep;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    /** The advisory lock's key: any fixed number no other lock of Funnel's uses. */
    private static final long ADMINISTRATOR_CHANGES = 0x46554e4e454c41L;

    private final DSLContext db;
    /** Audit times follow the application's clock, like every other time it writes. */
    private final Clock clock;
    /** {@link #ownersUnder} from the teams a manager leads, and from one team: rendered once (see there). */
    private final String ownersUnderManager;
    private final String ownersUnderTeam;

    UserRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.ownersUnderManager = db.render(ownersUnder(TEAM.MANAGER_ID.eq(DSL.param("manager", Long.class))));
        this.ownersUnderTeam = db.render(ownersUnder(TEAM.ID.eq(DSL.param("team", Long.class))));
    }

    /** The stored credentials of an enabled or disabled user, for sign-in. */
    public record Credentials(long id, String username, String fullName, String passwordHash, boolean enabled,
                              Set<Role> roles, SignInSource source) {
    }

    public Optional<Credentials> findCredentials(String username) {
        return credentials(APP_USER.USERNAME.eq(username));
    }

    public Optional<Credentials> findCredentials(long id) {
        return credentials(APP_USER.ID.eq(id));
    }

    /** The account the directory or the single sign-on provider knows by this id. */
    Optional<Credentials> findExternal(SignInSource source, String externalId) {
        return credentials(APP_USER.SIGN_IN_SOURCE.eq(source.name()).and(APP_USER.EXTERNAL_ID.eq(externalId)));
    }

    private Optional<Credentials> credentials(Condition which) {
        return db.select(CREDENTIALS).from(APP_USER).where(which).fetchOptional(UserRepository::toCredentials);
    }

    private static final Field<Set<Role>> CREDENTIAL_ROLES = rolesOf(APP_USER.ID).as("credential_roles");

    /** An account's credentials as columns, for any statement that reads app_user (see {@link #toCredentials}). */
    static final List<Field<?>> CREDENTIALS = List.of(APP_USER.ID, APP_USER.USERNAME, APP_USER.FULL_NAME,
            APP_USER.PASSWORD_HASH, APP_USER.ENABLED, CREDENTIAL_ROLES, APP_USER.SIGN_IN_SOURCE);

    /** The credentials in a row that holds {@link #CREDENTIALS}. */
    static Credentials toCredentials(org.jooq.Record r) {
        return new Credentials(r.get(APP_USER.ID), r.get(APP_USER.USERNAME), r.get(APP_USER.FULL_NAME),
                r.get(APP_USER.PASSWORD_HASH), r.get(APP_USER.ENABLED), r.get(CREDENTIAL_ROLES),
                SignInSource.valueOf(r.get(APP_USER.SIGN_IN_SOURCE)));
    }

    /** The credentials in the first columns of a JDBC row, in the order of {@link #CREDENTIALS}. */
    static Credentials toCredentials(java.sql.ResultSet row) throws java.sql.SQLException {
        java.sql.Array roles = row.getArray(6);
        Set<Role> granted = roles == null ? Set.of() : java.util.Arrays.stream((Object[]) roles.getArray())
                .map(role -> Role.valueOf((String) role)).collect(Collectors.toSet());
        return new Credentials(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getBoolean(5), granted, SignInSource.valueOf(row.getString(7)));
    }

    /**
     * An account for someone the directory or the provider vouched for: no password of Funnel's (an empty hash
     * matches none), no team until an administrator gives one.
     *
     * @return its id, or empty when an account with this name or this external id came first
     */
    Optional<Long> insertExternalUnlessPresent(ExternalIdentity who) {
        Optional<Long> id = db.insertInto(APP_USER)
                .set(APP_USER.USERNAME, who.username())
                .set(APP_USER.FULL_NAME, who.fullName())
                .set(APP_USER.EMAIL, who.email())
                .set(APP_USER.PASSWORD_HASH, "")
                .set(APP_USER.SIGN_IN_SOURCE, who.source().name())
                .set(APP_USER.EXTERNAL_ID, who.externalId())
                .onConflictDoNothing()
                .returning(APP_USER.ID)
                .fetchOptional(APP_USER.ID);
        id.ifPresent(created -> insertRoles(created, who.roles()));
        return id;
    }

    /** What the directory or the provider says of an account now: its name, address and id there. */
    void refreshExternal(long id, ExternalIdentity who) {
        db.update(APP_USER)
                .set(APP_USER.FULL_NAME, who.fullName())
                .set(APP_USER.EMAIL, who.email())
                .set(APP_USER.EXTERNAL_ID, who.externalId())
                .where(APP_USER.ID.eq(id))
                .and(APP_USER.FULL_NAME.isDistinctFrom(who.fullName())
                        .or(APP_USER.EMAIL.isDistinctFrom(who.email()))
                        .or(APP_USER.EXTERNAL_ID.isDistinctFrom(who.externalId())))
                .execute();
    }

    void replaceRoles(long id, Set<Role> roles) {
        db.deleteFrom(USER_ROLE).where(USER_ROLE.USER_ID.eq(id)).execute();
        insertRoles(id, roles);
    }

    private void insertRoles(long id, Set<Role> roles) {
        for (Role role : roles) {
            db.insertInto(USER_ROLE).set(USER_ROLE.USER_ID, id).set(USER_ROLE.ROLE, role.name()).execute();
        }
    }

    /**
     * An administrator's changes, if the account is still at the version they saw.
     *
     * @return whether it was; if not, nothing was written
     */
    public boolean update(long id, UserChanges changes, long actorId) {
        boolean updated = db.update(APP_USER)
                .set(APP_USER.FULL_NAME, changes.fullName())
                .set(APP_USER.EMAIL, changes.email())
                .set(APP_USER.TEAM_ID, changes.teamId())
                .set(APP_USER.ENABLED, changes.enabled())
                .set(APP_USER.VERSION, APP_USER.VERSION.plus(1))
                .set(APP_USER.UPDATED_AT, OffsetDateTime.now(clock))
                .set(APP_USER.UPDATED_BY, actorId)
                .where(APP_USER.ID.eq(id).and(APP_USER.VERSION.eq(changes.version())))
                .execute() == 1;
        if (updated && changes.roles() != null) {
            replaceRoles(id, changes.roles());
        }
        return updated;
    }

    /** Enabled administrators other than this account. */
    /** Held to the end of the transaction: changes that may take an administrator away happen one at a time. */
    public void lockAdministratorChanges() {
        db.select(org.jooq.impl.DSL.function("pg_advisory_xact_lock", Object.class,
                org.jooq.impl.DSL.val(ADMINISTRATOR_CHANGES))).fetch();
    }

    public boolean anotherEnabledAdmin(long id) {
        return db.fetchExists(db.selectOne().from(APP_USER).join(USER_ROLE).on(USER_ROLE.USER_ID.eq(APP_USER.ID))
                .where(USER_ROLE.ROLE.eq(Role.ADMIN.name()).and(APP_USER.ENABLED).and(APP_USER.ID.ne(id))));
    }

    public List<UserSummary> findAll() {
        return summaries().orderBy(APP_USER.FULL_NAME).fetch(UserRepository::toSummary);
    }

    /** One page of every account, in id order, narrowed by an integration's sync window. */
    public List<UserSummary> find(dev.funnel.platform.SyncWindow window, long offset, int limit) {
        return summaries().where(window.holds(APP_USER.UPDATED_AT, APP_USER.ID)).orderBy(APP_USER.ID)
                .limit(limit).offset(offset).fetch(UserRepository::toSummary);
    }

    public long count(dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(APP_USER, window.holds(APP_USER.UPDATED_AT, APP_USER.ID));
    }

    public List<UserSummary> findByIds(Set<Long> ids) {
        return summaries().where(APP_USER.ID.in(ids)).orderBy(APP_USER.FULL_NAME).fetch(UserRepository::toSummary);
    }

    public Optional<UserSummary> findById(long id) {
        return summaries().where(APP_USER.ID.eq(id)).fetchOptional(UserRepository::toSummary);
    }

    /** Users by full name, ignoring case: names are how spreadsheets refer to people. */
    public List<Long> findIdsByFullName(String fullName) {
        return db.select(APP_USER.ID).from(APP_USER).where(APP_USER.FULL_NAME.equalIgnoreCase(fullName))
                .orderBy(APP_USER.ID).fetch(APP_USER.ID);
    }

    /** Users by username or full name (ignoring case), for resolving the names an import gives. */
    public java.util.Map<String, List<Long>> idsByName(java.util.Collection<String> names) {
        List<String> lower = NameMatches.lowered(names);
        return NameMatches.match(names, db.select(APP_USER.ID, APP_USER.USERNAME, APP_USER.FULL_NAME).from(APP_USER)
                .where(org.jooq.impl.DSL.lower(APP_USER.USERNAME).in(lower)
                        .or(org.jooq.impl.DSL.lower(APP_USER.FULL_NAME).in(lower)))
                .orderBy(APP_USER.ID)
                .fetch(r -> new NameMatches.Candidate(r.value1(), r.value2(), r.value3())));
    }

    public void assignTeamIfNone(long userId, long teamId) {
        db.update(APP_USER).set(APP_USER.TEAM_ID, teamId)
                .where(APP_USER.ID.eq(userId).and(APP_USER.TEAM_ID.isNull())).execute();
    }

    public boolean usernameTaken(String username) {
        return db.fetchExists(APP_USER, APP_USER.USERNAME.equalIgnoreCase(username));
    }

    /**
     * The manager of the user's team; for a team's own manager, the manager of the team above. The rule is the
     * database function funnel_manager_of (db-changelog 1.6/manager-of.xml), which the automation's escalations
     * use too.
     */
    public Optional<Long> managerOf(long userId) {
        return Optional.ofNullable(db.select(DSL.field("funnel_manager_of({0})", Long.class, DSL.val(userId)))
                .fetchOne(0, Long.class));
    }

    public boolean isEnabled(long id) {
        return db.fetchExists(APP_USER, APP_USER.ID.eq(id).and(APP_USER.ENABLED));
    }

    public long count() {
        return db.fetchCount(APP_USER);
    }

    public long insert(NewUser user, String passwordHash, Long actorId) {
        long id = db.insertInto(APP_USER)
                .set(APP_USER.USERNAME, user.username())
                .set(APP_USER.FULL_NAME, user.fullName())
                .set(APP_USER.EMAIL, user.email())
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.TEAM_ID, user.teamId())
                .set(APP_USER.CREATED_BY, actorId)
                .set(APP_USER.UPDATED_BY, actorId)
                .returning(APP_USER.ID)
                .fetchOne(APP_USER.ID);
        insertRoles(id, user.roles());
        return id;
    }

    public void updateEmailChoice(long userId, String choice) {
        db.update(APP_USER)
                .set(APP_USER.NOTIFICATION_EMAIL, choice)
                .set(APP_USER.UPDATED_AT, OffsetDateTime.now(clock))
                .set(APP_USER.UPDATED_BY, userId)
                .where(APP_USER.ID.eq(userId))
                .execute();
    }

    /** Enabled users among these, with what it takes to write to them. */
    public List<MailProfile> mailProfiles(java.util.Collection<Long> ids) {
        return mailProfiles(APP_USER.ID.in(ids));
    }

    /** Enabled users with an address who chose this. */
    public List<MailProfile> mailProfiles(EmailChoice choice) {
        return mailProfiles(APP_USER.NOTIFICATION_EMAIL.eq(choice.name()).and(APP_USER.EMAIL.isNotNull()));
    }

    private List<MailProfile> mailProfiles(org.jooq.Condition which) {
        return db.select(APP_USER.ID, APP_USER.FULL_NAME, APP_USER.EMAIL, APP_USER.LOCALE, APP_USER.NOTIFICATION_EMAIL)
                .from(APP_USER)
                .where(which).and(APP_USER.ENABLED)
                .orderBy(APP_USER.ID)
                .fetch(r -> new MailProfile(r.value1(), r.value2(), r.value3(), r.value4(),
                        EmailChoice.valueOf(r.value5())));
    }

    public void updateLocale(long userId, String locale) {
        db.update(APP_USER)
                .set(APP_USER.LOCALE, locale)
                .set(APP_USER.UPDATED_AT, OffsetDateTime.now(clock))
                .set(APP_USER.UPDATED_BY, userId)
                .where(APP_USER.ID.eq(userId))
                .execute();
    }

    /**
     * The users a manager sees: the members of every team they manage and of all teams below those, the managers
     * of those sub-teams, and the manager themself.
     */
    public Set<Long> visibleOwnerIds(long managerId) {
        return withManager(ownersUnder(ownersUnderManager, managerId), managerId);
    }

    /** The owners a manager sees, from those under the teams they manage ({@link #ownersManagedBy}). */
    static Set<Long> withManager(Set<Long> managed, long managerId) {
        Set<Long> ids = new HashSet<>(managed);
        ids.add(managerId);
        return ids;
    }

    /** The members and managers of a team and of every team below it. */
    public Set<Long> teamTreeMembers(long teamId) {
        return ownersUnder(ownersUnderTeam, teamId);
    }

    /**
     * Runs one of the statements {@link #ownersUnder(Condition)} rendered, straight through JDBC: a manager's
     * every API request asks whose records they see (issue 17: through jOOQ, rendering and reading this one
     * statement took a tenth of the server's time for a page of deals).
     */
    private Set<Long> ownersUnder(String rendered, long root) {
        return db.connectionResult(connection -> {
            try (java.sql.PreparedStatement statement = connection.prepareStatement(rendered)) {
                statement.setLong(1, root);
                Set<Long> ids = new HashSet<>();
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /**
     * The users under the teams someone manages, as one {@code bigint[]} column for a statement that reads that
     * someone ({@code managerId} names their id there): with {@link #visibleOwnerIds}' query folded into the
     * statement that signs an API request in, a manager's request has one round trip to the database less
     * (issue 17). Empty for someone who manages no team; like {@link #visibleOwnerIds} but without the manager.
     */
    static Field<Long[]> ownersManagedBy(Field<Long> managerId) {
        return DSL.array(ownersUnder(TEAM.MANAGER_ID.eq(managerId)));
    }

    /** The users in the teams that match, and in every team below them, with those teams' managers. */
    private static Select<Record1<Long>> ownersUnder(Condition rootTeams) {
        CommonTableExpression<Record1<Long>> managed = name("managed").fields("id").as(
                select(TEAM.ID).from(TEAM).where(rootTeams)
                        .union(select(TEAM.ID).from(TEAM)
                                .join(name("managed")).on(TEAM.PARENT_ID.eq(managedId()))));
        return DSL.withRecursive(managed)
                .select(APP_USER.ID).from(APP_USER)
                .where(APP_USER.TEAM_ID.in(select(managedId()).from(managed)))
                .union(select(TEAM.MANAGER_ID).from(TEAM)
                        .where(TEAM.ID.in(select(managedId()).from(managed)).and(TEAM.MANAGER_ID.isNotNull())));
    }

    private static Field<Long> managedId() {
        return org.jooq.impl.DSL.field(name("managed", "id"), Long.class);
    }

    private SelectJoinStep<Record11<Long, String, String, String, Long, String, Set<Role>, Boolean, String, Integer, String>> summaries() {
        return db.select(APP_USER.ID, APP_USER.USERNAME, APP_USER.FULL_NAME, APP_USER.EMAIL, APP_USER.TEAM_ID, TEAM.NAME,
                        rolesOf(APP_USER.ID), APP_USER.ENABLED, APP_USER.LOCALE, APP_USER.VERSION, APP_USER.SIGN_IN_SOURCE)
                .from(APP_USER.leftJoin(TEAM).on(TEAM.ID.eq(APP_USER.TEAM_ID)));
    }

    /** A user's roles as an array (not a multiset, whose JSON every signed-in API request would parse). */
    private static Field<Set<Role>> rolesOf(Field<Long> userId) {
        return DSL.array(select(USER_ROLE.ROLE).from(USER_ROLE).where(USER_ROLE.USER_ID.eq(userId)))
                .convertFrom(roles -> java.util.Arrays.stream(roles).map(Role::valueOf).collect(Collectors.toSet()));
    }

    private static UserSummary toSummary(
            Record11<Long, String, String, String, Long, String, Set<Role>, Boolean, String, Integer, String> r) {
        return new UserSummary(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                r.value8(), r.value9(), r.value10(), SignInSource.valueOf(r.value11()));
    }
}
