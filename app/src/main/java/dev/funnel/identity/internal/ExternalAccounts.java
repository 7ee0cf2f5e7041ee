package dev.funnel.identity.internal;

import dev.funnel.identity.AccountNameTakenException;
import dev.funnel.identity.AccountWithoutRoleException;
import dev.funnel.identity.SignInSource;
import dev.funnel.identity.UserChanged;
import dev.funnel.identity.UserCreated;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Funnel account of someone the directory or the single sign-on provider has just vouched for: created at
 * their first sign-in, and at every sign-in given the name, address and roles the source says they have now (so
 * that leaving a group takes effect at the next sign-in). Their team is Funnel's to set.
 */
@Component
class ExternalAccounts {

    private final UserRepository users;
    private final ApplicationEventPublisher events;

    ExternalAccounts(UserRepository users, ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
    }

    @Transactional
    UserRepository.Credentials signIn(ExternalIdentity who) {
        if (who.roles().isEmpty()) {
            throw new AccountWithoutRoleException(who.username());
        }
        Optional<UserRepository.Credentials> known = users.findExternal(who.source(), who.externalId());
        if (known.isEmpty() && who.source() == SignInSource.DIRECTORY) {
            // a person moved within the directory keeps their name but not their distinguished name
            known = users.findCredentialsIgnoringCase(who.username())
                    .filter(account -> account.source() == SignInSource.DIRECTORY);
        }
        if (known.isEmpty()) {
            if (users.usernameTaken(who.username())) {
                throw new AccountNameTakenException(who.username());
            }
            long id = users.insertExternal(who);
            events.publishEvent(new UserCreated(id, who.username(), who.roles(), null, who.source()));
            return users.findExternal(who.source(), who.externalId()).orElseThrow();
        }
        UserRepository.Credentials account = known.get();
        if (!account.enabled()) {
            throw new DisabledException("The account " + account.username() + " is disabled in Funnel");
        }
        users.refreshExternal(account.id(), who);
        if (!account.roles().equals(who.roles())) {
            users.replaceRoles(account.id(), who.roles());
            Long team = users.findById(account.id()).orElseThrow().teamId();
            events.publishEvent(new UserChanged(account.id(), account.username(), account.roles(), who.roles(),
                    team, team, true, true, true));
        }
        return users.findExternal(who.source(), who.externalId()).orElseThrow();
    }
}
