package dev.funnel.importexport.internal;

import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportField.Kind;
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
        return List.of(
                new ImportField("fullName", true, Kind.TEXT, "姓名", "Name", "Full name", "Sales agent"),
                new ImportField("username", false, Kind.TEXT, "用户名", "账号", "登录名", "User", "Login"),
                new ImportField("email", false, Kind.TEXT, "邮箱", "电子邮件", "E-mail"),
                new ImportField("role", false, Kind.CHOICE, "角色", "Role"),
                new ImportField("team", false, Kind.TEXT, "团队", "部门", "区域", "Team", "Regional office"),
                new ImportField("manager", false, Kind.REFERENCE, "经理", "上级", "直属上级", "Manager"),
                new ImportField("parentTeam", false, Kind.TEXT, "上级团队", "上级部门", "Parent team"),
                new ImportField("password", false, Kind.TEXT, "密码", "初始密码", "Password"),
                new ImportField("passwordHash", false, Kind.TEXT, "密码哈希", "Password hash"));
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
