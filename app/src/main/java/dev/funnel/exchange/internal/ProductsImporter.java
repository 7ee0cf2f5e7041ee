package dev.funnel.exchange.internal;

import dev.funnel.catalog.ProductDraft;
import dev.funnel.catalog.ProductImport;
import dev.funnel.catalog.ProductService;
import dev.funnel.exchange.ImportEntity;
import dev.funnel.exchange.ImportField;
import dev.funnel.exchange.ImportField.Kind;
import dev.funnel.platform.RowProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

@Component
class ProductsImporter implements EntityImporter<ProductImport> {

    private final ProductService products;

    ProductsImporter(ProductService products) {
        this.products = products;
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.PRODUCTS;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(new ImportField("name", true, Kind.TEXT), new ImportField("code", false, Kind.TEXT),
                new ImportField("unitPrice", false, Kind.AMOUNT), new ImportField("currency", false, Kind.CHOICE),
                new ImportField("category", false, Kind.TEXT));
    }

    @Override
    public Map<String, String> fieldNames() {
        return Map.of();
    }

    @Override
    public Lookups prepare(Function<String, Set<String>> distinct) {
        return new Lookups() {
        };
    }

    @Override
    public ProductImport read(RowReader row, Lookups lookups) {
        String currency = row.text("currency");
        return new ProductImport(row.rowNumber(), new ProductDraft(row.text("code"), row.text("name"),
                row.amount("unitPrice"), currency == null ? "CNY" : currency.toUpperCase(java.util.Locale.ROOT),
                row.text("category")));
    }

    @Override
    public List<RowProblem> check(List<ProductImport> records) {
        return products.checkImport(records);
    }

    @Override
    public int write(List<ProductImport> records) {
        return products.importAll(records);
    }
}
