package dev.funnel.currency.web;

import dev.funnel.currency.CurrencyService;
import dev.funnel.currency.ExchangeRate;
import dev.funnel.currency.ExchangeRateDraft;
import dev.funnel.platform.Checks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The company currency and the exchange rates into it (docs/metrics.md, "Currencies"). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Currencies")
class ExchangeRateController {

    private final CurrencyService currencies;

    ExchangeRateController(CurrencyService currencies) {
        this.currencies = currencies;
    }

    /** The company currency, and the currencies deals are in that have no rate yet. */
    record CompanyCurrency(String currency, Set<String> withoutRate) {
    }

    /** A new company currency; {@code removesRates}: how many rates the caller knows will be removed. */
    record CompanyCurrencyRequest(String currency, Integer removesRates) {
    }

    /** A rate with, for a change, the version read. */
    record RateRequest(Integer version, ExchangeRateDraft rate) {
    }

    @GetMapping("/currency")
    @Operation(summary = "The company currency all totals are in, and the deal currencies that have no rate yet")
    CompanyCurrency companyCurrency() {
        return new CompanyCurrency(currencies.companyCurrency(), currencies.currenciesWithoutRate());
    }

    @PutMapping("/currency")
    @Operation(summary = "Change the company currency (administrators). The rates into the old one are removed: "
            + "removesRates must be their number, else 409; every deal is converted again")
    CompanyCurrency changeCompanyCurrency(@RequestBody CompanyCurrencyRequest request) {
        Checks.start().required("currency", request.currency()).required("removesRates", request.removesRates())
                .orThrow();
        currencies.changeCompanyCurrency(request.currency(), request.removesRates());
        return companyCurrency();
    }

    @GetMapping("/exchange-rates")
    @Operation(summary = "Exchange rates into the company currency by currency and day, newest first; "
            + "currency narrows to one")
    List<ExchangeRate> rates(@RequestParam(required = false) String currency) {
        return currencies.rates().stream()
                .filter(r -> currency == null || r.currency().equals(currency.trim().toUpperCase(Locale.ROOT)))
                .toList();
    }

    @PostMapping("/exchange-rates")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a rate: one unit of currency is worth rate units of the company currency from "
            + "validFrom on (administrators); the currency's deals are converted again")
    ExchangeRate add(@RequestBody ExchangeRateDraft rate) {
        return currencies.save(null, null, rate);
    }

    @PutMapping("/exchange-rates/{id}")
    @Operation(summary = "Change a rate (administrators); 409 when someone changed it since it was read")
    ExchangeRate change(@PathVariable long id, @RequestBody RateRequest request) {
        Checks.start().required("version", request.version()).required("rate", request.rate()).orThrow();
        return currencies.save(id, request.version(), request.rate());
    }

    @DeleteMapping("/exchange-rates/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a rate (administrators); its currency's deals are converted again")
    void remove(@PathVariable long id, @RequestParam int version) {
        currencies.remove(id, version);
    }
}
