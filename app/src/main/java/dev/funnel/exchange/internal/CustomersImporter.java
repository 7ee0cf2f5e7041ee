package dev.funnel.exchange.internal;

import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerImport;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.CustomerStatus;
import dev.funnel.exchange.ImportEntity;
import dev.funnel.exchange.ImportField;
import dev.funnel.exchange.ImportField.Kind;
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

    private final CustomerService customers;
    private final UserService users;

    CustomersImporter(CustomerService customers, UserService users) {
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
        return List.of(new ImportField("name", true, Kind.TEXT), new ImportField("creditCode", false, Kind.TEXT),
                new ImportField("legalRepresentative", false, Kind.TEXT),
                new ImportField("registeredCapital", false, Kind.AMOUNT),
                new ImportField("capitalCurrency", false, Kind.CHOICE),
                new ImportField("establishedOn", false, Kind.DATE), new ImportField("industry", false, Kind.TEXT),
                new ImportField("employeeCount", false, Kind.NUMBER), new ImportField("country", false, Kind.TEXT),
                new ImportField("city", false, Kind.TEXT), new ImportField("address", false, Kind.TEXT),
                new ImportField("website", false, Kind.TEXT), new ImportField("phone", false, Kind.TEXT),
                new ImportField("email", false, Kind.TEXT), new ImportField("status", false, Kind.CHOICE),
                new ImportField("source", false, Kind.TEXT), new ImportField("parent", false, Kind.REFERENCE),
                new ImportField("tags", false, Kind.TEXT), new ImportField("owner", false, Kind.REFERENCE),
                new ImportField("notes", false, Kind.TEXT), new ImportField("createdOn", false, Kind.DATE),
                new ImportField("ownedSince", false, Kind.DATE), new ImportField("pool", false, Kind.CHOICE));
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
