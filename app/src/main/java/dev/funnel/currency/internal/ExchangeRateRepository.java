package dev.funnel.currency.internal;

import static dev.funnel.jooq.Tables.APP_SETTING;
import static dev.funnel.jooq.Tables.EXCHANGE_RATE;
import static dev.funnel.jooq.Tables.OPPORTUNITY;

import dev.funnel.identity.Unscoped;
import dev.funnel.currency.ExchangeRate;
import dev.funnel.currency.ExchangeRateDraft;
import jakarta.annotation.PostConstruct;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Repository;

/**
 * The exchange_rate table and the company currency setting, which the database's conversion reads too
 * (db-changelog 1.5/currencies.xml): both live in the database so that the conversion and the app never disagree.
 */
@Repository
public class ExchangeRateRepository {

    /** The app_setting key the database's funnel_company_amount reads. */
    static final String COMPANY_CURRENCY = "company.currency";

    private static final Logger log = LoggerFactory.getLogger(ExchangeRateRepository.class);

    private final DSLContext db;
    private final String configuredCurrency;

    ExchangeRateRepository(DSLContext db, @Value("${funnel.currency:CNY}") String configuredCurrency) {
        this.db = db;
        this.configuredCurrency = configuredCurrency.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * A new installation takes the configured currency (funnel.currency); after that the setting is the
     * administrators' (Admin &gt; Currencies). Before anything writes a deal: jOOQ waits for Liquibase.
     */
    @PostConstruct
    void settleCompanyCurrency() {
        int inserted = db.insertInto(APP_SETTING).set(APP_SETTING.KEY, COMPANY_CURRENCY)
                .set(APP_SETTING.VALUE, configuredCurrency).onConflictDoNothing().execute();
        if (inserted == 1 && !"CNY".equals(configuredCurrency)) {
            // deals written before this start were converted as if the currency were the default, CNY
            convertDeals(null);
        }
        String stored = companyCurrency();
        if (!stored.equals(configuredCurrency)) {
            log.info("Company currency is {} (set in Admin > Currencies); funnel.currency={} applies only to a new "
                    + "installation", stored, configuredCurrency);
        }
    }

    public String companyCurrency() {
        return db.select(APP_SETTING.VALUE).from(APP_SETTING).where(APP_SETTING.KEY.eq(COMPANY_CURRENCY))
                .fetchOptional(APP_SETTING.VALUE).map(String::trim).orElse(configuredCurrency);
    }

    public void setCompanyCurrency(String currency, OffsetDateTime at) {
        db.insertInto(APP_SETTING).set(APP_SETTING.KEY, COMPANY_CURRENCY).set(APP_SETTING.VALUE, currency)
                .set(APP_SETTING.UPDATED_AT, at)
                .onConflict(APP_SETTING.KEY).doUpdate().set(APP_SETTING.VALUE, currency)
                .set(APP_SETTING.UPDATED_AT, at).execute();
        // the database keeps the currency for the rest of the transaction (funnel_company_currency): tell it too
        db.select(DSL.field("set_config('funnel.company_currency', {0}, true)", String.class, DSL.val(currency)))
                .fetch();
    }

    public List<ExchangeRate> all() {
        return db.selectFrom(EXCHANGE_RATE).orderBy(EXCHANGE_RATE.CURRENCY, EXCHANGE_RATE.VALID_FROM.desc())
                .fetch(ExchangeRateRepository::rate);
    }

    public int count() {
        return db.fetchCount(EXCHANGE_RATE);
    }

    public Optional<ExchangeRate> findById(long id) {
        return db.selectFrom(EXCHANGE_RATE).where(EXCHANGE_RATE.ID.eq(id)).fetchOptional(ExchangeRateRepository::rate);
    }

    public Optional<ExchangeRate> find(String currency, LocalDate validFrom) {
        return db.selectFrom(EXCHANGE_RATE).where(EXCHANGE_RATE.CURRENCY.eq(currency))
                .and(EXCHANGE_RATE.VALID_FROM.eq(validFrom)).fetchOptional(ExchangeRateRepository::rate);
    }

    /** The rate a deal is converted at, chosen by the database's own rule (funnel_rate_id, funnel_deal_day). */
    @Unscoped("the rate of a deal the deal page has loaded for the caller; only the rate is answered")
    public Optional<ExchangeRate> rateOfDeal(long opportunityId) {
        var deal = OPPORTUNITY.as("o");
        return db.selectFrom(EXCHANGE_RATE)
                .where(EXCHANGE_RATE.ID.eq(DSL.select(DSL.field("funnel_rate_id({0}, funnel_deal_day({1}))",
                                Long.class, deal.CURRENCY, DSL.field(DSL.name("o"))))
                        .from(deal).where(deal.ID.eq(opportunityId))))
                .fetchOptional(ExchangeRateRepository::rate);
    }

    /** Currencies of deals that have no rate (the company currency needs none). */
    @Unscoped("which currencies still need a rate, over all deals: currency codes only, for the rates page")
    public List<String> dealCurrenciesWithoutRate() {
        return db.selectDistinct(OPPORTUNITY.CURRENCY).from(OPPORTUNITY)
                .where(OPPORTUNITY.COMPANY_AMOUNT.isNull())
                .fetch(r -> r.value1().trim());
    }

    public long insert(ExchangeRateDraft draft, long actorId, OffsetDateTime now) {
        return db.insertInto(EXCHANGE_RATE)
                .set(EXCHANGE_RATE.CURRENCY, draft.currency())
                .set(EXCHANGE_RATE.VALID_FROM, draft.validFrom())
                .set(EXCHANGE_RATE.RATE, draft.rate())
                .set(EXCHANGE_RATE.UPDATED_AT, now).set(EXCHANGE_RATE.UPDATED_BY, actorId)
                .returning(EXCHANGE_RATE.ID).fetchSingle(EXCHANGE_RATE.ID);
    }

    public boolean update(long id, int version, ExchangeRateDraft draft, long actorId, OffsetDateTime now) {
        return db.update(EXCHANGE_RATE)
                .set(EXCHANGE_RATE.CURRENCY, draft.currency())
                .set(EXCHANGE_RATE.VALID_FROM, draft.validFrom())
                .set(EXCHANGE_RATE.RATE, draft.rate())
                .set(EXCHANGE_RATE.VERSION, version + 1)
                .set(EXCHANGE_RATE.UPDATED_AT, now).set(EXCHANGE_RATE.UPDATED_BY, actorId)
                .where(EXCHANGE_RATE.ID.eq(id)).and(EXCHANGE_RATE.VERSION.eq(version))
                .execute() == 1;
    }

    public boolean delete(long id, int version) {
        return db.deleteFrom(EXCHANGE_RATE).where(EXCHANGE_RATE.ID.eq(id)).and(EXCHANGE_RATE.VERSION.eq(version))
                .execute() == 1;
    }

    public void deleteAll() {
        db.deleteFrom(EXCHANGE_RATE).execute();
    }

    /**
     * Converts the deals of the currency again (null: every deal) with the database's one conversion; answers how
     * many amounts changed.
     */
    public int convertDeals(String currency) {
        return db.select(DSL.field("funnel_convert_deals({0})", Integer.class,
                DSL.val(currency, org.jooq.impl.SQLDataType.CHAR(3)))).fetchSingle(0, Integer.class);
    }

    private static ExchangeRate rate(Record r) {
        // 7.10000000 reads as 7.1, and 100.00000000 as 100, not 1E+2
        java.math.BigDecimal rate = r.get(EXCHANGE_RATE.RATE).stripTrailingZeros();
        return new ExchangeRate(r.get(EXCHANGE_RATE.ID), r.get(EXCHANGE_RATE.CURRENCY).trim(),
                r.get(EXCHANGE_RATE.VALID_FROM), rate.scale() < 0 ? rate.setScale(0) : rate,
                r.get(EXCHANGE_RATE.VERSION));
    }
}
