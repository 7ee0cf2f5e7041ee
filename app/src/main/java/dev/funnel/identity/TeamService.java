package dev.funnel.identity;

import dev.funnel.identity.internal.TeamRepository;
import dev.funnel.identity.internal.UserRepository;
import dev.funnel.platform.Checks;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
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

    TeamService(UserRepository users, TeamRepository teams, CurrentUserProvider currentUser) {
        this.users = users;
        this.teams = teams;
        this.currentUser = currentUser;
    }

    @PermitAll
    public List<Team> list() {
        return teams.findAll();
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
        return teams.findById(id).orElseThrow();
    }
}
