package dev.funnel.identity;

import dev.funnel.identity.internal.SignInThrottle;
import dev.funnel.identity.internal.TeamRepository;
import dev.funnel.identity.internal.UserRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users: who is signed in, whose records they may see, and the administration of accounts. */
@Service
@Transactional(readOnly = true)
@RolesAllowed(Role.Names.ADMIN)
public class UserService {

    public static final Set<String> SUPPORTED_LOCALES = Set.of("en", "zh-CN");

    private final UserRepository users;
    private final TeamRepository teams;
    private final CurrentUserProvider currentUser;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;

    UserService(UserRepository users, TeamRepository teams, CurrentUserProvider currentUser,
                PasswordEncoder passwordEncoder, SignInThrottle throttle, ApplicationEventPublisher events) {
        this.users = users;
        this.teams = teams;
        this.currentUser = currentUser;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.events = events;
    }

    /** Until when sign-ins to the account are paused after failed attempts, if they are. */
    public Optional<java.time.Instant> signInPausedUntil(String username) {
        return throttle.pausedUntil(username);
    }

    /** Every account paused after failed attempts (user name in lower case), with the end of its pause. */
    public java.util.Map<String, java.time.Instant> signInPauses() {
        return throttle.pausedAccounts();
    }

    /** Lets the account sign in again at once, from every address; the audit trail records who did it. */
    @Transactional
    public void unlockSignIn(String username) {
        throttle.unlock(username);
        events.publishEvent(new SignInUnlocked(username));
    }

    @PermitAll
    public CurrentUser current() {
        return currentUser.require();
    }

    @PermitAll
    public UserSummary me() {
        long id = current().id();
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /**
     * Whose records the signed-in user may see; every read of owned records is narrowed by it. One statement at
     * most (none for a request signed in by an API token), so it joins the caller's transaction and opens none.
     */
    @PermitAll
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS, readOnly = true)
    public VisibleScope visibleScope() {
        CurrentUser user = current();
        if (user.isAdmin()) {
            return VisibleScope.everything(user.id());
        }
        if (user.has(Role.SALES_MANAGER)) {
            return VisibleScope.owners(user.id(), currentUser.managerOwnersReadAtSignIn()
                    .orElseGet(() -> users.visibleOwnerIds(user.id())));
        }
        return VisibleScope.owners(user.id(), Set.of(user.id()));
    }

    /**
     * Whether the signed-in user may make this person the owner of a record: an enabled user whose records they
     * see (for an administrator, any enabled user).
     */
    @PermitAll
    public boolean canAssignTo(long ownerId) {
        return visibleScope().canSee(ownerId) && users.isEnabled(ownerId);
    }

    /** The manager a user reports to (their team's, or for a manager the team above's), if any. */
    @PermitAll
    public Optional<Long> managerOf(long userId) {
        return users.managerOf(userId);
    }

    /** Everyone in a team and the teams below it, for filters by team. */
    @PermitAll
    public Set<Long> teamTreeMembers(long teamId) {
        return users.teamTreeMembers(teamId);
    }

    /**
     * Users by username or full name, ignoring case, for resolving the names a spreadsheet gives; a name that
     * fits several users maps to all of them, so that the caller can report it as ambiguous.
     */
    @PermitAll
    public java.util.Map<String, List<Long>> idsByName(java.util.Collection<String> names) {
        return users.idsByName(names);
    }

    /** The people the signed-in user may pick as an owner: those whose records they see. */
    @PermitAll
    public List<UserSummary> assignableOwners() {
        VisibleScope scope = visibleScope();
        return scope.everything() ? users.findAll() : users.findByIds(scope.ownerIds());
    }

    public List<UserSummary> list() {
        return users.findAll();
    }

    /** One page of every account, in id order, for an integration (administrators). */
    public dev.funnel.platform.PageResult<UserSummary> page(dev.funnel.platform.SyncWindow window,
                                                            dev.funnel.platform.PageRequest page) {
        return new dev.funnel.platform.PageResult<>(users.find(window, page.offset(), page.limit()),
                users.count(window), page.page(), page.size());
    }

    public UserSummary get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    @Transactional
    public UserSummary create(NewUser user) {
        Checks.start()
                .required("username", user.username())
                .maxLength("username", user.username(), 60)
                .rule(user.username() == null || user.username().matches("[A-Za-z0-9._-]*"), "username",
                        "validation.username.chars")
                .rule(user.username() == null || !users.usernameTaken(user.username()), "username",
                        "validation.username.taken")
                .required("fullName", user.fullName())
                .maxLength("fullName", user.fullName(), 100)
                .email("email", user.email())
                .maxLength("email", user.email(), 254)
                .rule(user.password() != null && user.password().length() >= 8, "password", "validation.password.short", 8)
                .rule(user.password() == null || Passwords.fitsHash(user.password()), "password",
                        "validation.password.long", Passwords.MAX_BYTES)
                .rule(user.roles() != null && !user.roles().isEmpty(), "roles", "validation.required")
                .rule(user.teamId() == null || teams.findById(user.teamId()).isPresent(), "teamId",
                        "validation.unknown")
                .orThrow();
        long id = users.insert(user, passwordEncoder.encode(user.password()), current().id());
        events.publishEvent(new UserCreated(id, user.username(), user.roles(), user.teamId(), SignInSource.LOCAL));
        return users.findById(id).orElseThrow();
    }

    /**
     * An administrator's changes to an account: name, address, team, roles (a local account's only: the others
     * get theirs from their groups at each sign-in) and whether it may sign in. No administrator can lock
     * themself out, nor leave the company without an enabled administrator.
     */
    @Transactional
    public UserSummary update(long id, UserChanges changes) {
        UserSummary before = users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
        Set<Role> roles = changes.roles() == null ? before.roles() : Set.copyOf(changes.roles());
        boolean self = id == current().id();
        boolean stillAdmin = roles.contains(Role.ADMIN) && changes.enabled();
        if (!stillAdmin && before.roles().contains(Role.ADMIN)) {
            // two administrators demoting each other at once must not both see the other still there
            users.lockAdministratorChanges();
        }
        Checks.start()
                .required("fullName", changes.fullName())
                .maxLength("fullName", changes.fullName(), 100)
                .email("email", changes.email())
                .maxLength("email", changes.email(), 254)
                .rule(!roles.isEmpty(), "roles", "validation.required")
                .rule(before.signInSource() == SignInSource.LOCAL || roles.equals(before.roles()), "roles",
                        "validation.roles.from-sign-in")
                .rule(changes.teamId() == null || teams.findById(changes.teamId()).isPresent(), "teamId",
                        "validation.unknown")
                .rule(!self || changes.enabled(), "enabled", "validation.user.self-disable")
                .rule(!self || roles.contains(Role.ADMIN), "roles", "validation.user.self-admin")
                .rule(stillAdmin || !before.roles().contains(Role.ADMIN) || users.anotherEnabledAdmin(id), "roles",
                        "validation.user.last-admin")
                .orThrow();
        UserChanges checked = new UserChanges(changes.fullName().trim(),
                changes.email() == null || changes.email().isBlank() ? null : changes.email().trim(),
                changes.teamId(), roles, changes.enabled(), changes.version());
        if (!users.update(id, checked, current().id())) {
            throw new StaleVersionException("user", id);
        }
        if (!roles.equals(before.roles()) || !java.util.Objects.equals(before.teamId(), changes.teamId())
                || before.enabled() != changes.enabled()) {
            events.publishEvent(new UserChanged(id, before.username(), before.roles(), roles, before.teamId(),
                    changes.teamId(), before.enabled(), changes.enabled(), false));
        }
        return users.findById(id).orElseThrow();
    }

    /** The signed-in user's choice of e-mail for their notifications. */
    @PermitAll
    @Transactional
    public void changeEmailChoice(EmailChoice choice) {
        Checks.start().rule(choice != null, "notificationEmail", "validation.required").orThrow();
        users.updateEmailChoice(current().id(), choice.name());
    }

    @PermitAll
    @Transactional(readOnly = true)
    public EmailChoice myEmailChoice() {
        return users.mailProfiles(List.of(current().id())).stream().findFirst().map(MailProfile::choice)
                .orElse(EmailChoice.OFF);
    }

    /**
     * What it takes to write to these users by e-mail (the enabled ones). Open to the system's own jobs, which
     * run without a signed-in user; it reveals no more than a notification's recipient needs.
     */
    @PermitAll
    @Transactional(readOnly = true)
    public List<MailProfile> mailProfiles(java.util.Collection<Long> userIds) {
        return userIds.isEmpty() ? List.of() : users.mailProfiles(userIds);
    }

    /** The enabled users with an address who chose one daily digest. */
    @PermitAll
    @Transactional(readOnly = true)
    public List<MailProfile> digestRecipients() {
        return users.mailProfiles(EmailChoice.DIGEST);
    }

    /** Remembers the signed-in user's language, so the next sign-in opens in it. */
    @PermitAll
    @Transactional
    public void changeLanguage(Locale locale) {
        String tag = locale.toLanguageTag();
        Checks.start().rule(SUPPORTED_LOCALES.contains(tag), "locale", "validation.locale").orThrow();
        users.updateLocale(current().id(), tag);
    }
}
