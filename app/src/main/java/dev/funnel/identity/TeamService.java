package dev.funnel.identity;

import dev.funnel.identity.internal.TeamRepository;
import dev.funnel.identity.internal.UserRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
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
    private final java.time.Clock clock;

    TeamService(UserRepository users, TeamRepository teams, CurrentUserProvider currentUser,
                org.springframework.context.ApplicationEventPublisher events, java.time.Clock clock) {
        this.events = events;
        this.clock = clock;
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

    /**
     * A person's team and every team above it, nearest first; empty for someone in no team. For passing events on
     * to what is set up per team (a team's group-chat robot hears of its sub-teams' deals too).
     */
    @PermitAll
    public List<Team> pathOf(long userId) {
        Long teamId = users.findById(userId).map(UserSummary::teamId).orElse(null);
        return teamId == null ? List.of() : upwardFrom(teamId, teams.findAll());
    }

    /** The team and every team above it, nearest first; a loop in old data ends the walk rather than spinning. */
    private static List<Team> upwardFrom(long teamId, List<Team> all) {
        java.util.Map<Long, Team> byId = new java.util.HashMap<>();
        all.forEach(t -> byId.put(t.id(), t));
        List<Team> path = new java.util.ArrayList<>();
        for (Team at = byId.get(teamId); at != null && !path.contains(at);
             at = at.parentId() == null ? null : byId.get(at.parentId())) {
            path.add(at);
        }
        return path;
    }

    /** One page of the teams, in id order, for an integration. */
    @PermitAll
    public dev.funnel.platform.PageResult<Team> page(dev.funnel.platform.SyncWindow window,
                                                     dev.funnel.platform.PageRequest page) {
        return new dev.funnel.platform.PageResult<>(teams.find(window, page.offset(), page.limit()),
                teams.countIn(window), page.page(), page.size());
    }

    @PermitAll
    public Team get(long id) {
        return teams.findById(id).orElseThrow(() -> new NotFoundException("team", id));
    }

    /**
     * Renames a team, moves it under another (never under itself or one of its own sub-teams) and gives it another
     * manager, if it is still at the version read. Who sees whose records follows at once.
     */
    @Transactional
    public Team update(long id, NewTeam team, int version) {
        Team before = get(id);
        List<Team> all = teams.findAll();
        Checks.start()
                .required("name", team.name())
                .maxLength("name", team.name(), 100)
                .rule(team.name() == null || !teams.nameTakenByAnother(team.name().trim(), id), "name",
                        "validation.name.taken")
                .rule(team.parentId() == null || all.stream().anyMatch(t -> t.id() == team.parentId()), "parentId",
                        "validation.unknown")
                .rule(team.parentId() == null
                                || upwardFrom(team.parentId(), all).stream().noneMatch(t -> t.id() == id),
                        "parentId", "validation.team.parent-cycle")
                .rule(team.managerId() == null || users.findById(team.managerId()).isPresent(), "managerId",
                        "validation.unknown")
                .orThrow();
        if (!teams.update(id, new NewTeam(team.name().trim(), team.parentId(), team.managerId()), version,
                currentUser.require().id(), java.time.OffsetDateTime.now(clock))) {
            throw new StaleVersionException("team", before.id());
        }
        events.publishEvent(new TeamChanged(id, team.name().trim(), before.parentId(), team.parentId(),
                before.managerId(), team.managerId()));
        return get(id);
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
