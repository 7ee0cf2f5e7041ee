package dev.funnel.audit.internal;

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
        audit.record("user.created", "user", user.username(), "roles " + user.roles().stream().map(Role::name)
                .map(r -> r.toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", "))
                + (user.teamId() == null ? ", no team" : ", team " + user.teamId()));
    }

    @EventListener
    void teamCreated(TeamCreated team) {
        audit.record("team.created", "team", team.id(), team.name()
                + (team.parentId() == null ? "" : ", under team " + team.parentId())
                + (team.managerId() == null ? "" : ", manager " + team.managerId()));
    }
}
