package dev.funnel.currency;

import dev.funnel.currency.internal.ExchangeRateRepository;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.RowProblem;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The company currency and the exchange rates into it. Every change converts the deals it concerns again in the
 * same transaction, so that no board or report ever sums a deal at a rate that no longer applies.
 */
@Service
@Transactional(readOnly = true)
public class CurrencyService {

    /** Rates are kept to 8 decimals: 1 JPY is 0.0476 CNY, 1 KRW 0.0051. */
    static final int RATE_SCALE = 8;

    private final ExchangeRateRepository rates;
    private final UserService users;
    private final Clock clock;

    private final dev.funnel.audit.AuditLog audit;

    CurrencyService(ExchangeRateRepository rates, UserService users, Clock clock,
            dev.funnel.audit.AuditLog audit) {
        this.audit = audit;
        this.rates = rates;
        this.users = users;
        this.clock = clock;
    }

    /** The currency board and report totals are in; anyone signed in may know it. */
    @PermitAll
    public String companyCurrency() {
        return rates.companyCurrency();
    }

    /** The currencies deals may be in, the company's first. */
    @PermitAll
    public List<String> currencies() {
        String company = companyCurrency();
        List<String> all = new ArrayList<>(List.of(company));
        Checks.CURRENCIES.stream().filter(c -> !c.equals(company)).forEach(all::add);
        return all;
    }

    /** Every rate, by currency, newest first. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public List<ExchangeRate> rates() {
        return rates.all();
    }

    /** The rate a deal in another currency is converted at; empty when its currency has no rate. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public Optional<ExchangeRate> rateOfDeal(long opportunityId) {
        return rates.rateOfDeal(opportunityId);
    }

    /** Currencies that deals are in but that have no rate: their deals are left out of converted totals. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
    public Set<String> currenciesWithoutRate() {
        return new TreeSet<>(rates.dealCurrenciesWithoutRate());
    }

    /** A new rate, or ({@code id} given) a changed one read at {@code version}. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public ExchangeRate save(Long id, Integer version, ExchangeRateDraft draft) {
        Checks checks = checks(draft);
        ExchangeRateDraft rate = checks.problems().isEmpty() ? normalised(draft) : draft;
        if (checks.problems().isEmpty()) {
            Optional<ExchangeRate> sameDay = rates.find(rate.currency(), rate.validFrom());
            checks.rule(sameDay.isEmpty() || (id != null && sameDay.get().id() == id), "validFrom",
                    "validation.rate.same-day", rate.currency(), rate.validFrom());
        }
        checks.orThrow();
        long actor = users.current().id();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long savedId;
        Set<String> touched = new TreeSet<>(Set.of(rate.currency()));
        if (id == null) {
            savedId = rates.insert(rate, actor, now);
        } else {
            ExchangeRate old = rates.findById(id).orElseThrow(() -> new NotFoundException("exchangeRate", id));
            if (version == null || !rates.update(id, version, rate, actor, now)) {
                throw new StaleVersionException("exchangeRate", id);
            }
            touched.add(old.currency());
            savedId = id;
        }
        touched.forEach(rates::convertDeals);
        audit.record("settings.currency", "exchange rate", savedId, rate.currency() + " from " + rate.validFrom()
                + " = " + rate.rate());
        return rates.findById(savedId).orElseThrow();
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public void remove(long id, int version) {
        ExchangeRate rate = rates.findById(id).orElseThrow(() -> new NotFoundException("exchangeRate", id));
        if (!rates.delete(id, version)) {
            throw new StaleVersionException("exchangeRate", id);
        }
        rates.convertDeals(rate.currency());
        audit.record("deleted.exchange-rate", "exchange rate", id, rate.currency() + " from " + rate.validFrom());
    }

    /**
     * A new company currency. The rates into the old one no longer say anything about the new one, so they are
     * removed ({@code removesRates}: how many the caller was shown and agreed to lose; a different number means
     * someone changed the rates meanwhile) and every deal is converted again.
     */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public void changeCompanyCurrency(String currency, int removesRates) {
        String code = currency == null ? null : currency.trim().toUpperCase(Locale.ROOT);
        Checks.start().required("currency", code).currency("currency", code).orThrow();
        if (code.equals(companyCurrency())) {
            return;
        }
        if (rates.count() != removesRates) {
            throw new StaleVersionException("exchangeRate", "all");
        }
        rates.deleteAll();
        rates.setCompanyCurrency(code, OffsetDateTime.now(clock));
        rates.convertDeals(null);
        audit.record("settings.currency", "company currency", code, removesRates + " rates removed");
    }

    /** Every row's problems, as {@link #save} would find them, and rows giving one currency's day twice. */
    @RolesAllowed(Role.Names.ADMIN)
    public List<RowProblem> checkImport(List<ExchangeRateImport> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> lineByDay = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ExchangeRateDraft draft = rows.get(i).draft();
            Checks checks = checks(draft);
            if (checks.problems().isEmpty()) {
                ExchangeRateDraft rate = normalised(draft);
                Integer same = lineByDay.putIfAbsent(rate.currency() + " " + rate.validFrom(), rows.get(i).line());
                checks.rule(same == null, "validFrom", "validation.duplicate.row", same);
            }
            int index = i;
            checks.problems().forEach(p -> problems.add(new RowProblem(index, p)));
        }
        return problems;
    }

    /** Writes checked rows: a rate for a currency's day that already has one replaces it. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public int importAll(List<ExchangeRateImport> rows) {
        long actor = users.current().id();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> touched = new TreeSet<>();
        for (ExchangeRateImport row : rows) {
            ExchangeRateDraft rate = normalised(row.draft());
            Optional<ExchangeRate> same = rates.find(rate.currency(), rate.validFrom());
            if (same.isPresent()) {
                rates.update(same.get().id(), same.get().version(), rate, actor, now);
            } else {
                rates.insert(rate, actor, now);
            }
            touched.add(rate.currency());
        }
        touched.forEach(rates::convertDeals);
        return rows.size();
    }

    private Checks checks(ExchangeRateDraft draft) {
        String code = draft.currency() == null ? null : draft.currency().trim().toUpperCase(Locale.ROOT);
        Checks checks = Checks.start()
                .required("currency", code)
                .currency("currency", code)
                .rule(code == null || !code.equals(companyCurrency()), "currency", "validation.rate.company-currency",
                        code)
                .required("validFrom", draft.validFrom())
                .required("rate", draft.rate());
        if (draft.rate() != null) {
            checks.rule(draft.rate().signum() > 0, "rate", "validation.rate.positive")
                    .rule(draft.rate().stripTrailingZeros().scale() <= RATE_SCALE
                            && draft.rate().precision() - draft.rate().scale() <= 12, "rate",
                            "validation.rate.format", RATE_SCALE);
        }
        return checks;
    }

    private static ExchangeRateDraft normalised(ExchangeRateDraft draft) {
        BigDecimal rate = draft.rate().stripTrailingZeros();
        return new ExchangeRateDraft(draft.currency().trim().toUpperCase(Locale.ROOT), draft.validFrom(),
                rate.scale() < 0 ? rate.setScale(0) : rate);
    }
}
