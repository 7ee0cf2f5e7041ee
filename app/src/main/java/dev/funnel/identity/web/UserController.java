package dev.funnel.identity.web;

import dev.funnel.identity.NewTeam;
import dev.funnel.identity.NewUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserChanges;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.platform.Checks;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.SyncWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and teams for an administrator's integration (a directory or HR sync). Accounts are disabled, never
 * deleted: their deals, follow-ups and history keep naming them. Teams are read by everyone (the filters name them).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users and teams")
class UserController {

    private final UserService users;
    private final TeamService teams;

    UserController(UserService users, TeamService teams) {
        this.users = users;
        this.teams = teams;
    }

    /** A new local account: the password is the first one, which its owner should change. */
    record NewUserRequest(String username, String fullName, String email, String password, Long teamId,
                          Set<Role> roles) {
    }

    /**
     * An administrator's changes; {@code enabled} and {@code roles} left out stay as they are, so that a partial
     * sync never locks anyone out by omission.
     */
    record UserRequest(String fullName, String email, Long teamId, Set<Role> roles, Boolean enabled,
                       Integer version) {
    }

    /** A team: its name, the team it sits under and its manager; {@code version} on update. */
    record TeamRequest(String name, Long parentId, Long managerId, Integer version) {
    }

    @GetMapping("/users")
    @Operation(summary = "Every account, in id order (administrators). updatedSince and afterId narrow it for an "
            + "incremental sync")
    PageResult<UserSummary> users(@RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                                  @RequestParam(required = false) Long afterId,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        return users.page(new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/users/{id}")
    @Operation(summary = "One account (administrators)")
    UserSummary user(@PathVariable long id) {
        return users.get(id);
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a local account (administrators): username (letters, digits, . _ -), fullName, "
            + "email, password (8 characters or more), teamId, roles (ADMIN, SALES_MANAGER, SALES_REP, ...)")
    UserSummary createUser(@RequestBody NewUserRequest request) {
        return users.create(new NewUser(request.username(), request.fullName(), request.email(), request.password(),
                request.teamId(), request.roles()));
    }

    @PutMapping("/users/{id}")
    @Operation(summary = "Change an account (administrators): name, e-mail, team, roles (local accounts only) and "
            + "enabled (false disables it, which is how an account is retired); 409 when the version is stale")
    UserSummary updateUser(@PathVariable long id, @RequestBody UserRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        UserSummary before = users.get(id);
        return users.update(id, new UserChanges(request.fullName(), request.email(), request.teamId(),
                request.roles(), request.enabled() == null ? before.enabled() : request.enabled(),
                request.version()));
    }

    @GetMapping("/teams")
    @Operation(summary = "Every team with its parent and manager, in id order. updatedSince and afterId narrow it "
            + "for an incremental sync")
    PageResult<Team> teams(@RequestParam(required = false)
                           @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime updatedSince,
                           @RequestParam(required = false) Long afterId,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size) {
        return teams.page(new SyncWindow(updatedSince, afterId), PageRequest.of(page, size));
    }

    @GetMapping("/teams/{id}")
    @Operation(summary = "One team")
    Team team(@PathVariable long id) {
        return teams.get(id);
    }

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a team (administrators)")
    Team createTeam(@RequestBody TeamRequest request) {
        return teams.create(new NewTeam(request.name(), request.parentId(), request.managerId()));
    }

    @PutMapping("/teams/{id}")
    @Operation(summary = "Rename a team, move it under another (not under itself or its sub-teams) or give it "
            + "another manager (administrators); 409 when the version is stale")
    Team updateTeam(@PathVariable long id, @RequestBody TeamRequest request) {
        Checks.start().required("version", request.version()).orThrow();
        return teams.update(id, new NewTeam(request.name(), request.parentId(), request.managerId()),
                request.version());
    }
}
