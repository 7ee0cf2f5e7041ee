package dev.funnel.identity.internal;

import dev.funnel.identity.AccountDisabledException;
import dev.funnel.identity.AccountNameTakenException;
import dev.funnel.identity.AccountWithoutRoleException;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserChanged;
import dev.funnel.identity.UserCreated;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Funnel account of someone the directory or the single sign-on provider has just vouched for: created at
 * their first sign-in, and at every sign-in given the name, address and roles the source says they have now (so
 * that leaving a group takes effect at the next sign-in). Their team is Funnel's to set.
 *
 * <p>An account is found only by the source's own id for the person, never by user name: a name that the
 * directory or the provider gives to someone else later must not open the first person's account.
 */
@Component
class ExternalAccounts {

    /** The column sizes of app_user: a longer name or address is cut or left out, not a failed sign-in. */
    static final int USERNAME_LIMIT = 60;
    static final int FULL_NAME_LIMIT = 100;
    static final int EMAIL_LIMIT = 254;

    private final UserRepository users;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    ExternalAccounts(UserRepository users, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.users = users;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The account, created or brought up to date in one transaction. A refusal for want of a role still commits:
     * the roles the person lost are taken away then, so an account left in Funnel keeps no more than their groups
     * give today. A database that cannot be reached is an authentication failure the sign-in filters pass on
     * (the login page and the API tell it as an outage), not an error page.
     */
    UserRepository.Credentials signIn(ExternalIdentity vouched) {
        ExternalIdentity who = fitted(vouched);
        Outcome outcome;
        try {
            outcome = transaction.execute(status -> decide(who));
        } catch (DataAccessException | TransactionException e) {
            throw new InternalAuthenticationServiceException("The account could not be read or kept", e);
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.account();
    }

    private Outcome decide(ExternalIdentity who) {
        Optional<UserRepository.Credentials> known = users.findExternal(who.source(), who.externalId());
        if (known.isEmpty()) {
            return who.roles().isEmpty() ? Outcome.refused(new AccountWithoutRoleException(who.username()))
                    : create(who);
        }
        UserRepository.Credentials account = known.get();
        if (!account.enabled()) {
            return Outcome.refused(new AccountDisabledException(account.username()));
        }
        users.refreshExternal(account.id(), who);
        if (!account.roles().equals(who.roles())) {
            users.replaceRoles(account.id(), who.roles());
            changedRoles(account, who.roles());
        }
        if (who.roles().isEmpty()) {
            return Outcome.refused(new AccountWithoutRoleException(who.username()));
        }
        return new Outcome(users.findExternal(who.source(), who.externalId()).orElseThrow(), null);
    }

    private Outcome create(ExternalIdentity who) {
        if (users.usernameTaken(who.username())) {
            return Outcome.refused(new AccountNameTakenException(who.username()));
        }
        // two first sign-ins of one person at once: the second finds the first's account
        Optional<Long> created = users.insertExternalUnlessPresent(who);
        created.ifPresent(id -> events.publishEvent(
                new UserCreated(id, who.username(), who.roles(), null, who.source())));
        return users.findExternal(who.source(), who.externalId()).map(account -> new Outcome(account, null))
                .orElseGet(() -> Outcome.refused(new AccountNameTakenException(who.username())));
    }

    private void changedRoles(UserRepository.Credentials account, Set<Role> roles) {
        Long team = users.findById(account.id()).orElseThrow().teamId();
        events.publishEvent(new UserChanged(account.id(), account.username(), account.roles(), roles,
                team, team, true, true, true));
    }

    /**
     * The identity cut to what Funnel stores. A user name is the one thing that cannot be cut (two people could
     * end up with one name), so a longer one is refused with the reason.
     */
    private static ExternalIdentity fitted(ExternalIdentity who) {
        if (who.username().length() > USERNAME_LIMIT) {
            throw new BadCredentialsException("The user name " + who.username().substring(0, USERNAME_LIMIT)
                    + "… is longer than Funnel's limit of " + USERNAME_LIMIT + " characters");
        }
        String fullName = who.fullName().length() > FULL_NAME_LIMIT
                ? who.fullName().substring(0, FULL_NAME_LIMIT) : who.fullName();
        String email = who.email() != null && who.email().length() > EMAIL_LIMIT ? null : who.email();
        return new ExternalIdentity(who.source(), who.externalId(), who.username(), fullName, email, who.roles());
    }

    private record Outcome(UserRepository.Credentials account, AuthenticationException refusal) {

        static Outcome refused(AuthenticationException why) {
            return new Outcome(null, why);
        }
    }
}
