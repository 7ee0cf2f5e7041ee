package dev.funnel.identity;

import dev.funnel.identity.internal.TeamRepository;
import dev.funnel.identity.internal.UserRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.RowProblem;
import jakarta.annotation.security.RolesAllowed;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and teams from a spreadsheet. Imported people get a password nobody knows unless the file gives one:
 * an administrator sets it before they first sign in.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed(Role.Names.ADMIN)
public class UserImportService {

    private final UserRepository users;
    private final TeamRepository teams;
    private final CurrentUserProvider currentUser;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;

    UserImportService(UserRepository users, TeamRepository teams, CurrentUserProvider currentUser,
                      PasswordEncoder passwordEncoder, ApplicationEventPublisher events) {
        this.users = users;
        this.teams = teams;
        this.currentUser = currentUser;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
    }

    public List<RowProblem> check(List<UserImport> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> lineByUsername = new HashMap<>();
        Map<String, Integer> lineByName = new HashMap<>();
        List<String> usernames = usernames(rows);
        for (int i = 0; i < rows.size(); i++) {
            UserImport row = rows.get(i);
            String username = usernames.get(i);
            Checks checks = Checks.start()
                    .required("fullName", row.fullName())
                    .maxLength("fullName", row.fullName(), 100)
                    .maxLength("username", row.username(), 60)
                    .rule(row.username() == null || row.username().matches("[A-Za-z0-9._-]*"), "username",
                            "validation.username.chars")
                    .rule(row.username() == null || !users.usernameTaken(row.username()), "username",
                            "validation.username.taken")
                    .email("email", row.email())
                    .maxLength("email", row.email(), 254)
                    .maxLength("teamName", row.teamName(), 100)
                    .maxLength("parentTeamName", row.parentTeamName(), 100)
                    .rule(row.password() == null || row.password().length() >= 8, "password",
                            "validation.password.short", 8)
                    .rule(row.password() == null || Passwords.fitsHash(row.password()), "password",
                            "validation.password.long", Passwords.MAX_BYTES)
                    .rule(row.password() == null || row.passwordHash() == null, "passwordHash",
                            "validation.password-hash.both")
                    .rule(row.passwordHash() == null || Passwords.isStoredHash(row.passwordHash()), "passwordHash",
                            "validation.password-hash.format")
                    .rule(row.managerName() == null || row.fullName() == null
                            || !row.managerName().trim().equalsIgnoreCase(row.fullName().trim()), "managerName",
                            "validation.manager.self");
            Integer sameUsername = lineByUsername.putIfAbsent(username.toLowerCase(Locale.ROOT), row.line());
            checks.rule(row.username() == null || sameUsername == null, "username", "validation.duplicate.row",
                    sameUsername);
            if (row.fullName() != null) {
                String key = key(row.fullName());
                Integer sameName = lineByName.putIfAbsent(key, row.line());
                checks.rule(sameName == null, "fullName", "validation.duplicate.row", sameName)
                        .rule(users.findIdsByFullName(row.fullName().trim()).isEmpty(), "fullName",
                                "validation.user.exists", row.fullName().trim());
            }
            if (row.teamName() != null && row.managerName() != null) {
                Optional<Team> team = teams.findByName(row.teamName().trim());
                checks.rule(team.isEmpty() || team.get().managerName() == null
                                || team.get().managerName().equalsIgnoreCase(row.managerName().trim()), "teamName",
                        "validation.team.other-manager", row.teamName().trim(),
                        team.map(Team::managerName).orElse(""));
            }
            int index = i;
            checks.problems().forEach(p -> problems.add(new RowProblem(index, p)));
        }
        return problems;
    }

    /** Writes rows that {@link #check} passed: parent teams first, then managers and their teams, then the rest. */
    @Transactional
    public int importAll(List<UserImport> rows) {
        long actor = currentUser.require().id();
        String unknownPassword = passwordEncoder.encode(UUID.randomUUID().toString());
        List<String> usernames = usernames(rows);
        Map<String, Integer> rowByName = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            rowByName.put(key(rows.get(i).fullName()), i);
        }
        for (int i = 0; i < rows.size(); i++) {
            // a manager may be named by username too
            rowByName.putIfAbsent(key(usernames.get(i)), i);
        }
        Map<Integer, Long> inserted = new HashMap<>();
        Set<String> taken = new HashSet<>(usernames);
        Map<String, Long> teamOfManager = new LinkedHashMap<>();
        for (UserImport row : rows) {
            if (row.managerName() == null || row.managerName().isBlank()
                    || teamOfManager.containsKey(key(row.managerName()))) {
                continue;
            }
            String managerName = row.managerName().trim();
            // an existing user by full name or by username (manager=manager.east): never a second one
            Long managerId = users.idsByName(List.of(managerName)).getOrDefault(managerName, List.of()).stream()
                    .findFirst().orElse(null);
            if (managerId == null) {
                Integer managerRow = rowByName.get(key(managerName));
                if (managerRow != null) {
                    UserImport m = rows.get(managerRow);
                    managerId = insert(m, usernames.get(managerRow), Role.SALES_MANAGER, unknownPassword, actor);
                    inserted.put(managerRow, managerId);
                } else {
                    String username = uniqueUsername(managerName, taken);
                    managerId = insert(new UserImport(row.line(), username, managerName, null, Role.SALES_MANAGER,
                            null, null, null, null, null), username, Role.SALES_MANAGER, unknownPassword, actor);
                }
            }
            Long parentId = row.parentTeamName() == null || row.parentTeamName().isBlank() ? null
                    : team(row.parentTeamName().trim(), null, null, actor);
            String teamName = row.teamName() == null || row.teamName().isBlank() ? managerName : row.teamName().trim();
            long teamId = team(teamName, parentId, managerId, actor);
            users.assignTeamIfNone(managerId, teamId);
            teamOfManager.put(key(managerName), teamId);
        }
        for (int i = 0; i < rows.size(); i++) {
            UserImport row = rows.get(i);
            Long teamId = null;
            if (row.teamName() != null && !row.teamName().isBlank()) {
                Long parentId = row.parentTeamName() == null || row.parentTeamName().isBlank() ? null
                        : team(row.parentTeamName().trim(), null, null, actor);
                teamId = team(row.teamName().trim(), parentId, null, actor);
            } else if (row.managerName() != null && !row.managerName().isBlank()) {
                teamId = teamOfManager.get(key(row.managerName()));
            }
            Long id = inserted.get(i);
            if (id == null) {
                Role role = row.role() == null ? Role.SALES_REP : row.role();
                id = insert(row, usernames.get(i), role, unknownPassword, actor);
            }
            if (teamId != null) {
                users.assignTeamIfNone(id, teamId);
            }
        }
        return rows.size();
    }

    private long insert(UserImport row, String username, Role role, String unknownPassword, long actor) {
        String hash = row.passwordHash() != null ? row.passwordHash().trim()
                : row.password() == null ? unknownPassword : passwordEncoder.encode(row.password());
        Set<Role> roles = row.role() == null || row.role() == role ? Set.of(role) : Set.of(role, row.role());
        long id = users.insert(new NewUser(username, row.fullName().trim(), blankToNull(row.email()), null, null,
                roles), hash, actor);
        // each account is in the audit trail as if an administrator had created it (its team follows below)
        events.publishEvent(new UserCreated(id, username, roles, null, SignInSource.LOCAL));
        return id;
    }

    private long team(String name, Long parentId, Long managerId, long actor) {
        Optional<Team> existing = teams.findByName(name);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        long id = teams.insert(new NewTeam(name, parentId, managerId), actor);
        events.publishEvent(new TeamCreated(id, name, parentId, managerId));
        return id;
    }

    /** The username of each row: the given one, or one made from the full name that no one has yet. */
    private List<String> usernames(List<UserImport> rows) {
        Set<String> taken = new HashSet<>();
        rows.stream().filter(r -> r.username() != null).forEach(r -> taken.add(r.username().toLowerCase(Locale.ROOT)));
        List<String> result = new ArrayList<>();
        for (UserImport row : rows) {
            result.add(row.username() != null ? row.username()
                    : uniqueUsername(row.fullName() == null ? "" : row.fullName(), taken));
        }
        return result;
    }

    private String uniqueUsername(String fullName, Set<String> taken) {
        String base = Normalizer.normalize(fullName, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.+|\\.+$", "");
        if (base.isEmpty()) {
            base = "user";
        }
        base = base.length() > 50 ? base.substring(0, 50) : base;
        String candidate = base;
        for (int n = 2; taken.contains(candidate) || users.usernameTaken(candidate); n++) {
            candidate = base + n;
        }
        taken.add(candidate);
        return candidate;
    }

    private static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
