package dev.funnel.importexport.internal;

import dev.funnel.currency.CurrencyService;
import dev.funnel.currency.ExchangeRateDraft;
import dev.funnel.currency.ExchangeRateImport;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportField.Kind;
import dev.funnel.platform.RowProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Exchange rates: a currency, the day the rate applies from and the rate (units of the company currency for one
 * unit of the currency) — a bank's or the finance department's table of daily or monthly rates. A row for a day
 * that already has a rate replaces it.
 */
@Component
class ExchangeRatesImporter implements EntityImporter<ExchangeRateImport> {

    private final CurrencyService currencies;

    ExchangeRatesImporter(CurrencyService currencies) {
        this.currencies = currencies;
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.EXCHANGE_RATES;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("currency", true, Kind.CHOICE, "币种", "货币", "外币", "Currency", "Code"),
                new ImportField("validFrom", true, Kind.DATE, "生效日期", "日期", "Date", "Valid from", "Effective date"),
                new ImportField("rate", true, Kind.NUMBER, "汇率", "折算率", "Rate", "Exchange rate"));
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
    public ExchangeRateImport read(RowReader row, Lookups lookups) {
        String currency = row.text("currency");
        return new ExchangeRateImport(row.rowNumber(), new ExchangeRateDraft(
                currency == null ? null : currency.trim().toUpperCase(Locale.ROOT), row.date("validFrom"),
                row.amount("rate")));
    }

    @Override
    public List<RowProblem> check(List<ExchangeRateImport> records) {
        return currencies.checkImport(records);
    }

    @Override
    public int write(List<ExchangeRateImport> records) {
        return currencies.importAll(records);
    }
}
