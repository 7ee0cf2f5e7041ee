package dev.funnel.exchange.internal;

import dev.funnel.exchange.ImportEntity;
import dev.funnel.exchange.ImportField;
import dev.funnel.exchange.ImportField.Kind;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserImport;
import dev.funnel.identity.UserImportService;
import dev.funnel.platform.RowProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

@Component
class UsersImporter implements EntityImporter<UserImport> {

    private final UserImportService users;

    UsersImporter(UserImportService users) {
        this.users = users;
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.USERS;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(new ImportField("fullName", true, Kind.TEXT), new ImportField("username", false, Kind.TEXT),
                new ImportField("email", false, Kind.TEXT), new ImportField("role", false, Kind.CHOICE),
                new ImportField("team", false, Kind.TEXT), new ImportField("manager", false, Kind.REFERENCE),
                new ImportField("parentTeam", false, Kind.TEXT), new ImportField("password", false, Kind.TEXT),
                new ImportField("passwordHash", false, Kind.TEXT));
    }

    @Override
    public Map<String, String> fieldNames() {
        return Map.of("teamName", "team", "managerName", "manager", "parentTeamName", "parentTeam");
    }

    @Override
    public Lookups prepare(Function<String, Set<String>> distinct) {
        return new Lookups() {
        };
    }

    @Override
    public UserImport read(RowReader row, Lookups lookups) {
        return new UserImport(row.rowNumber(), row.text("username"), row.text("fullName"), row.text("email"),
                row.choice("role", Role.class), row.text("team"), row.text("manager"), row.text("parentTeam"),
                row.text("password"), row.text("passwordHash"));
    }

    @Override
    public List<RowProblem> check(List<UserImport> records) {
        return users.check(records);
    }

    @Override
    public int write(List<UserImport> records) {
        return users.importAll(records);
    }
}
