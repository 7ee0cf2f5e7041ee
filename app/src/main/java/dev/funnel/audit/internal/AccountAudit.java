package dev.funnel.audit.internal;

import dev.funnel.identity.SignInSource;
import dev.funnel.identity.UserChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.funnel.audit.AuditLog;
import dev.funnel.identity.Role;
import dev.funnel.identity.TeamCreated;
import dev.funnel.identity.UserCreated;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Accounts and teams into the trail, heard as identity's events (identity may not call the trail, which
 * depends on it), in the same transaction as the change.
 */
@Component
class AccountAudit {

    private final AuditLog audit;

    AccountAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void userCreated(UserCreated user) {
        String details = "roles " + names(user.roles()) + (user.teamId() == null ? ", no team" : ", team "
                + user.teamId());
        if (user.source() == SignInSource.LOCAL) {
            audit.record("user.created", "user", user.username(), details);
        } else {
            // nobody is signed in yet: the person's own first sign-in created the account
            audit.recordFor(user.username(), null, "user.created", "user", user.username(), details
                    + ", at first sign-in " + via(user.source()));
        }
    }

    @EventListener
    void userChanged(UserChanged user) {
        List<String> changes = new ArrayList<>();
        if (!user.roles().equals(user.rolesBefore())) {
            changes.add("roles " + names(user.rolesBefore()) + " -> " + names(user.roles()));
        }
        if (!Objects.equals(user.teamIdBefore(), user.teamId())) {
            changes.add("team " + team(user.teamIdBefore()) + " -> " + team(user.teamId()));
        }
        if (user.enabledBefore() != user.enabled()) {
            changes.add(user.enabled() ? "enabled" : "disabled");
        }
        String details = String.join(", ", changes);
        if (user.atSignIn()) {
            audit.recordFor(user.username(), null, "user.changed", "user", user.username(),
                    details + ", from their groups at sign-in");
        } else {
            audit.record("user.changed", "user", user.username(), details);
        }
    }

    private static String names(Set<Role> roles) {
        if (roles.isEmpty()) {
            return "none"; // someone who left every mapped group
        }
        return roles.stream().map(Role::name).map(r -> r.toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String team(Long id) {
        return id == null ? "none" : id.toString();
    }

    private static String via(SignInSource source) {
        return source == SignInSource.DIRECTORY ? "with the directory" : "with single sign-on";
    }

    @EventListener
    void tokenIssued(dev.funnel.identity.ApiTokenIssued token) {
        audit.record("api-token.issued", "api-token", token.id(), "\"" + token.name() + "\" for " + token.username()
                + ", scope " + dev.funnel.identity.ApiTokenScope.widest(token.scopes()).apiName()
                + (token.expiresAt() == null ? ", no expiry" : ", expires " + token.expiresAt()));
    }

    @EventListener
    void tokenRevoked(dev.funnel.identity.ApiTokenRevoked token) {
        audit.record("api-token.revoked", "api-token", token.id(), "\"" + token.name() + "\" of " + token.username());
    }

    @EventListener
    void teamCreated(TeamCreated team) {
        audit.record("team.created", "team", team.id(), team.name()
                + (team.parentId() == null ? "" : ", under team " + team.parentId())
                + (team.managerId() == null ? "" : ", manager " + team.managerId()));
    }

    @EventListener
    void teamChanged(dev.funnel.identity.TeamChanged team) {
        audit.record("team.changed", "team", team.id(), team.name()
                + ", under team " + team.oldParentId() + " → " + team.parentId()
                + ", manager " + team.oldManagerId() + " → " + team.managerId());
    }

    @EventListener
    void calendarFeedChanged(dev.funnel.identity.CalendarFeedChanged feed) {
        audit.record(feed.issued() ? "calendar-feed.issued" : "calendar-feed.revoked", "calendar-feed", feed.feedId(),
                feed.username());
    }
}
