package dev.funnel.identity;

import dev.funnel.identity.internal.TeamRepository;
import dev.funnel.identity.internal.UserRepository;
import dev.funnel.platform.Checks;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams and their nesting. */
@Service
@Transactional(readOnly = true)
@RolesAllowed(Role.Names.ADMIN)
public class TeamService {

    private final UserRepository users;
    private final TeamRepository teams;
    private final CurrentUserProvider currentUser;

    private final org.springframework.context.ApplicationEventPublisher events;

    TeamService(UserRepository users, TeamRepository teams, CurrentUserProvider currentUser,
                org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.teams = teams;
        this.currentUser = currentUser;
    }

    @PermitAll
    public List<Team> list() {
        return teams.findAll();
    }

    /**
     * The teams whose figures the signed-in user may look at, for filters: every team for an administrator, the
     * teams a manager leads and all teams below them, a rep's own team. Picking any other would only show an
     * empty board or report.
     */
    @PermitAll
    public List<Team> visible() {
        CurrentUser me = currentUser.require();
        List<Team> all = teams.findAll();
        if (me.isAdmin()) {
            return all;
        }
        Set<Long> shown = new HashSet<>();
        all.stream().filter(t -> t.managerId() != null && t.managerId() == me.id()).forEach(t -> shown.add(t.id()));
        users.findById(me.id()).map(UserSummary::teamId).ifPresent(shown::add);
        if (me.has(Role.SALES_MANAGER)) {
            // every team below a shown one, however deep
            int before;
            do {
                before = shown.size();
                all.stream().filter(t -> t.parentId() != null && shown.contains(t.parentId()))
                        .forEach(t -> shown.add(t.id()));
            } while (shown.size() > before);
        }
        return all.stream().filter(t -> shown.contains(t.id())).toList();
    }

    @Transactional
    public Team create(NewTeam team) {
        Checks.start()
                .required("name", team.name())
                .maxLength("name", team.name(), 100)
                .rule(team.name() == null || !teams.nameTaken(team.name()), "name", "validation.name.taken")
                .rule(team.parentId() == null || teams.findById(team.parentId()).isPresent(), "parentId",
                        "validation.unknown")
                .rule(team.managerId() == null || users.findById(team.managerId()).isPresent(), "managerId",
                        "validation.unknown")
                .orThrow();
        long id = teams.insert(team, currentUser.require().id());
        events.publishEvent(new TeamCreated(id, team.name(), team.parentId(), team.managerId()));
        return teams.findById(id).orElseThrow();
    }
}
