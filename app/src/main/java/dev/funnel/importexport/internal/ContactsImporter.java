package dev.funnel.importexport.internal;

import dev.funnel.customer.BuyingRole;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.ContactImport;
import dev.funnel.customer.CustomerImportService;
import dev.funnel.customer.CustomerService;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportField.Kind;
import dev.funnel.platform.RowProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

@Component
class ContactsImporter implements EntityImporter<ContactImport> {

    private final CustomerService customers;
    private final CustomerImportService imports;

    ContactsImporter(CustomerService customers, CustomerImportService imports) {
        this.customers = customers;
        this.imports = imports;
    }

    private record Customers(Map<String, List<Long>> ids) implements Lookups {
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.CONTACTS;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("customer", true, Kind.REFERENCE, "客户", "客户名称", "公司", "公司名称", "企业名称", "所属客户",
                        "Account", "Company", "Customer"),
                new ImportField("name", true, Kind.TEXT, "姓名", "联系人", "联系人姓名", "Contact", "Contact name",
                        "Full name"),
                new ImportField("title", false, Kind.TEXT, "职务", "职位", "Job title", "Position"),
                new ImportField("phone", false, Kind.TEXT, "电话", "座机", "办公电话", "Telephone", "Office phone"),
                new ImportField("mobile", false, Kind.TEXT, "手机", "手机号", "移动电话", "Mobile phone", "Cell"),
                new ImportField("email", false, Kind.TEXT, "邮箱", "电子邮件", "E-mail", "Mail"),
                new ImportField("buyingRole", false, Kind.CHOICE, "采购角色", "角色", "Role"));
    }

    @Override
    public Map<String, String> fieldNames() {
        return Map.of();
    }

    @Override
    public Lookups prepare(Function<String, Set<String>> distinct) {
        return new Customers(customers.idsByName(distinct.apply("customer")));
    }

    @Override
    public ContactImport read(RowReader row, Lookups lookups) {
        Long customerId = NameLookup.resolve(row, "customer", ((Customers) lookups).ids(),
                "validation.import.unknown-customer");
        if (customerId == null && row.text("customer") == null) {
            row.error("customer", "validation.required");
        }
        ContactDraft draft = new ContactDraft(row.text("name"), row.text("title"), row.text("phone"),
                row.text("email"), row.choice("buyingRole", BuyingRole.class), row.text("mobile"));
        return customerId == null ? null : new ContactImport(customerId, draft);
    }

    @Override
    public List<RowProblem> check(List<ContactImport> records) {
        return imports.checkContactImport(records);
    }

    @Override
    public int write(List<ContactImport> records) {
        return imports.importContacts(records);
    }
}
