package dev.funnel.importexport.internal;

import dev.funnel.catalog.ProductDraft;
import dev.funnel.catalog.ProductImport;
import dev.funnel.catalog.ProductService;
import dev.funnel.currency.CurrencyService;
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
class ProductsImporter implements EntityImporter<ProductImport> {

    private final ProductService products;
    private final CurrencyService currencies;

    ProductsImporter(ProductService products, CurrencyService currencies) {
        this.products = products;
        this.currencies = currencies;
    }

    private record Found(String companyCurrency) implements Lookups {
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.PRODUCTS;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("name", true, Kind.TEXT, "产品名称", "名称", "产品", "Product", "Product name"),
                new ImportField("code", false, Kind.TEXT, "产品编码", "编码", "Code", "SKU"),
                new ImportField("unitPrice", false, Kind.AMOUNT, "单价", "价格", "标准价", "Price", "Sales price",
                        "List price"),
                new ImportField("currency", false, Kind.CHOICE, "币种", "Currency"),
                new ImportField("category", false, Kind.TEXT, "类别", "产品类别", "系列", "Series", "Category"));
    }

    @Override
    public Map<String, String> fieldNames() {
        return Map.of();
    }

    @Override
    public Lookups prepare(Function<String, Set<String>> distinct) {
        return new Found(currencies.companyCurrency());
    }

    @Override
    public ProductImport read(RowReader row, Lookups lookups) {
        String currency = row.text("currency");
        return new ProductImport(row.rowNumber(), new ProductDraft(row.text("code"), row.text("name"),
                row.amount("unitPrice"), currency == null ? ((Found) lookups).companyCurrency() : currency.toUpperCase(java.util.Locale.ROOT),
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
