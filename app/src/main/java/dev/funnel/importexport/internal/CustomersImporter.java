package dev.funnel.importexport.internal;

import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerImport;
import dev.funnel.customer.CustomerImportService;
import dev.funnel.customer.CustomerStatus;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportField.Kind;
import dev.funnel.identity.UserService;
import dev.funnel.platform.RowProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

@Component
class CustomersImporter implements EntityImporter<CustomerImport> {

    private final CustomerImportService customers;
    private final UserService users;

    CustomersImporter(CustomerImportService customers, UserService users) {
        this.customers = customers;
        this.users = users;
    }

    private record Owners(Map<String, List<Long>> ids) implements Lookups {
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.CUSTOMERS;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("name", true, Kind.TEXT, "客户名称", "公司名称", "企业名称", "名称", "客户", "Account",
                        "Account name", "Company", "Company name", "Customer"),
                new ImportField("creditCode", false, Kind.TEXT, "统一社会信用代码", "信用代码", "社会信用代码", "Credit code", "USCC"),
                new ImportField("legalRepresentative", false, Kind.TEXT, "法定代表人", "法人", "法人代表",
                        "Legal representative"),
                new ImportField("registeredCapital", false, Kind.AMOUNT, "注册资本", "Registered capital", "Capital"),
                new ImportField("capitalCurrency", false, Kind.CHOICE, "注册资本币种", "Capital currency"),
                new ImportField("establishedOn", false, Kind.DATE, "成立日期", "成立时间", "Founded", "Year established",
                        "Established"),
                new ImportField("industry", false, Kind.TEXT, "行业", "所属行业", "Sector", "Industry"),
                new ImportField("employeeCount", false, Kind.NUMBER, "员工人数", "人数", "员工数", "Employees", "Headcount"),
                new ImportField("country", false, Kind.TEXT, "国家", "Office location", "Country"),
                new ImportField("city", false, Kind.TEXT, "城市", "所在城市", "City"),
                new ImportField("address", false, Kind.TEXT, "地址", "注册地址", "办公地址", "Address"),
                new ImportField("website", false, Kind.TEXT, "网站", "官网", "网址", "Web", "URL"),
                new ImportField("phone", false, Kind.TEXT, "电话", "联系电话", "Telephone"),
                new ImportField("email", false, Kind.TEXT, "邮箱", "电子邮件", "E-mail"),
                new ImportField("status", false, Kind.CHOICE, "状态", "客户状态", "Status"),
                new ImportField("source", false, Kind.TEXT, "来源", "客户来源", "线索来源", "Lead source"),
                new ImportField("parent", false, Kind.REFERENCE, "上级公司", "母公司", "Parent", "Parent company",
                        "Subsidiary of"),
                new ImportField("tags", false, Kind.TEXT, "标签", "Tags", "Labels"),
                new ImportField("owner", false, Kind.REFERENCE, "负责人", "销售", "所属销售", "客户经理", "Owner",
                        "Account owner", "Sales agent", "Sales rep"),
                new ImportField("notes", false, Kind.TEXT, "备注", "说明", "Notes", "Remarks", "Comment"),
                new ImportField("createdOn", false, Kind.DATE, "创建日期", "录入日期", "Created", "Created date"),
                new ImportField("ownedSince", false, Kind.DATE, "领取日期", "分配日期", "Owned since", "Assigned on"),
                new ImportField("pool", false, Kind.CHOICE, "公海", "是否公海", "In pool"));
    }

    @Override
    public Map<String, String> fieldNames() {
        return Map.of("ownerId", "owner", "parentId", "parent", "inPool", "pool");
    }

    @Override
    public Lookups prepare(Function<String, Set<String>> distinct) {
        return new Owners(users.idsByName(distinct.apply("owner")));
    }

    @Override
    public CustomerImport read(RowReader row, Lookups lookups) {
        Long ownerId = NameLookup.resolve(row, "owner", ((Owners) lookups).ids(), "validation.import.unknown-user");
        String tags = row.text("tags");
        String currency = row.text("capitalCurrency");
        CustomerDraft draft = new CustomerDraft(row.text("name"), row.text("creditCode"),
                row.text("legalRepresentative"), row.amount("registeredCapital"),
                currency == null ? null : currency.toUpperCase(Locale.ROOT), row.date("establishedOn"),
                row.text("industry"), row.integer("employeeCount"), row.text("country"), row.text("city"),
                row.text("address"), row.text("website"), row.text("phone"), row.text("email"),
                row.choice("status", CustomerStatus.class), row.text("source"), null,
                tags == null ? List.of() : Arrays.asList(tags.split("[,;，；、|]")), ownerId, row.text("notes"));
        return new CustomerImport(row.rowNumber(), draft, row.text("parent"), row.date("createdOn"),
                row.date("ownedSince"), row.yesNo("pool"));
    }

    @Override
    public List<RowProblem> check(List<CustomerImport> records) {
        return customers.checkImport(records);
    }

    @Override
    public int write(List<CustomerImport> records) {
        return customers.importAll(records);
    }
}
