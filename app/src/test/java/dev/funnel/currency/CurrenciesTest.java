package dev.funnel.currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.analytics.GroupBy;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.analytics.WinRateReport;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.BoardColumn;
import dev.funnel.pipeline.BoardFilter;
import dev.funnel.pipeline.BoardService;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Deals in other currencies count in the company currency at the rate of their own day. */
class CurrenciesTest extends IntegrationTest {

    @Autowired
    CurrencyService currencies;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    BoardService board;
    @Autowired
    ReportService reports;

    @Test
    void a_deal_in_euros_counts_at_the_rate_of_its_day_and_again_whenever_the_rates_change() {
        UserSummary rep = data.organisation().eastRep();
        Pipeline pipeline = data.pipeline();
        Opportunity deal = euroDeal(rep, pipeline, "1000.00", LocalDate.of(2026, 6, 15));
        assertThat(deal.companyAmount()).isNull();
        BoardColumn first = data.asAdmin(() -> board.columns(BoardFilter.of(pipeline.id()))).get(0);
        assertThat(first.count()).isEqualTo(1);
        assertThat(first.unconverted()).isEqualTo(1);
        assertThat(first.amount()).isZero();
        assertThat(data.asAdmin(() -> currencies.currenciesWithoutRate())).contains("EUR");

        ExchangeRate january = rate("EUR", "2026-01-01", "7.5");
        assertThat(reload(deal).companyAmount()).isEqualByComparingTo("7500.00");
        first = data.asAdmin(() -> board.columns(BoardFilter.of(pipeline.id()))).get(0);
        assertThat(first.amount()).isEqualByComparingTo("7500.00");
        assertThat(first.weightedAmount()).isEqualByComparingTo("750.00");
        assertThat(first.unconverted()).isZero();

        ExchangeRate june = rate("EUR", "2026-06-01", "8.0");
        ExchangeRate july = rate("EUR", "2026-07-01", "9.0");
        assertThat(reload(deal).companyAmount()).as("the rate in effect on the expected close date")
                .isEqualByComparingTo("8000.00");
        assertThat(data.asAdmin(() -> currencies.rateOfDeal(deal.id()))).as("the rate the deal page shows")
                .get().extracting(ExchangeRate::id).isEqualTo(june.id());

        Opportunity earlier = reload(deal);
        as(rep.username(), () -> editing.update(earlier.id(), earlier.version(), draft(earlier, "1000.00",
                LocalDate.of(2025, 12, 1))));
        assertThat(reload(deal).companyAmount()).as("a day before the first rate takes the first rate")
                .isEqualByComparingTo("7500.00");
        assertThat(data.asAdmin(() -> currencies.rateOfDeal(deal.id()))).get().extracting(ExchangeRate::id)
                .isEqualTo(january.id());

        Opportunity open = reload(deal);
        as(rep.username(), () -> closing.win(open.id(), open.version(), new BigDecimal("1200.00"),
                LocalDate.of(2026, 7, 10)));
        assertThat(reload(deal).companyAmount()).as("a won deal at the rate of the day it closed, on its won amount")
                .isEqualByComparingTo("10800.00");

        data.asAdmin(() -> {
            currencies.remove(july.id(), july.version());
            return null;
        });
        assertThat(reload(deal).companyAmount()).isEqualByComparingTo("9600.00");
        ExchangeRate juneAgain = data.asAdmin(() -> currencies.save(june.id(), june.version(),
                new ExchangeRateDraft("EUR", LocalDate.of(2026, 6, 1), new BigDecimal("8.25"))));
        assertThat(juneAgain.version()).isEqualTo(june.version() + 1);
        assertThat(reload(deal).companyAmount()).isEqualByComparingTo("9900.00");
        assertThatThrownBy(() -> data.asAdmin(() -> currencies.save(june.id(), june.version(),
                new ExchangeRateDraft("EUR", LocalDate.of(2026, 6, 1), new BigDecimal("8.5")))))
                .isInstanceOf(StaleVersionException.class);

        // reports: every deal in the company currency by default; naming EUR narrows to the euro deals as entered
        ReportFilter filter = new ReportFilter(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), pipeline.id(),
                null, null, null, null, null);
        WinRateReport converted = data.asAdmin(() -> reports.winRates(filter, GroupBy.OWNER, Locale.ENGLISH));
        assertThat(converted.currency()).isEqualTo("CNY");
        assertThat(converted.total().wonAmount()).isEqualByComparingTo("9900.00");
        WinRateReport inEuros = data.asAdmin(() -> reports.winRates(filter.withCurrency("EUR"), GroupBy.OWNER,
                Locale.ENGLISH));
        assertThat(inEuros.currency()).isEqualTo("EUR");
        assertThat(inEuros.total().wonAmount()).isEqualByComparingTo("1200.00");
        assertThat(data.asAdmin(() -> reports.funnel(filter.withCurrency("CNY"))).created())
                .as("naming the company currency is the default: all deals").isEqualTo(1);
        assertThat(january.rate()).isEqualByComparingTo("7.5");
    }

    @Test
    void bad_rates_are_refused_naming_the_field_and_nothing_is_written() {
        int before = data.asAdmin(() -> currencies.rates()).size();
        assertThat(problems(new ExchangeRateDraft("XAU", LocalDate.of(2026, 1, 1), BigDecimal.ONE)))
                .containsExactly("currency validation.currency");
        assertThat(problems(new ExchangeRateDraft("CNY", LocalDate.of(2026, 1, 1), BigDecimal.ONE)))
                .containsExactly("currency validation.rate.company-currency");
        assertThat(problems(new ExchangeRateDraft("HKD", null, new BigDecimal("-0.9"))))
                .containsExactly("validFrom validation.required", "rate validation.rate.positive");
        assertThat(problems(new ExchangeRateDraft("HKD", LocalDate.of(2026, 1, 1), new BigDecimal("0.123456789"))))
                .containsExactly("rate validation.rate.format");
        rate("HKD", "2026-02-01", "0.91");
        assertThat(problems(new ExchangeRateDraft("hkd", LocalDate.of(2026, 2, 1), new BigDecimal("0.92"))))
                .containsExactly("validFrom validation.rate.same-day");
        assertThat(data.asAdmin(() -> currencies.rates())).hasSize(before + 1);
        assertThatThrownBy(() -> as(data.organisation().eastRep().username(), () -> currencies.save(null, null,
                new ExchangeRateDraft("SGD", LocalDate.of(2026, 1, 1), new BigDecimal("5.3")))))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    void a_new_company_currency_removes_the_old_rates_and_converts_every_deal() {
        UserSummary rep = data.organisation().eastRep();
        Pipeline pipeline = data.pipeline();
        Opportunity yuan = data.opportunityOf(rep, pipeline);
        Opportunity pounds = deal(rep, pipeline, "2000.00", "GBP", LocalDate.of(2026, 3, 1));
        rate("GBP", "2025-01-01", "9.2");
        assertThat(reload(yuan).companyAmount()).isEqualByComparingTo("125000.00");
        assertThat(reload(pounds).companyAmount()).isEqualByComparingTo("18400.00");
        int rates = data.asAdmin(() -> currencies.rates()).size();
        try {
            assertThatThrownBy(() -> data.asAdmin(() -> {
                currencies.changeCompanyCurrency("GBP", rates - 1);
                return null;
            })).as("someone changed the rates since the admin was told how many go").isInstanceOf(
                    StaleVersionException.class);
            data.asAdmin(() -> {
                currencies.changeCompanyCurrency("gbp", rates);
                return null;
            });
            assertThat(data.asAdmin(() -> currencies.companyCurrency())).isEqualTo("GBP");
            assertThat(data.asAdmin(() -> currencies.rates())).isEmpty();
            assertThat(reload(pounds).companyAmount()).isEqualByComparingTo("2000.00");
            assertThat(reload(yuan).companyAmount()).as("no CNY rate into pounds yet").isNull();
            rate("CNY", "2025-01-01", "0.11");
            assertThat(reload(yuan).companyAmount()).isEqualByComparingTo("13750.00");
            BoardColumn first = data.asAdmin(() -> board.columns(BoardFilter.of(pipeline.id()))).get(0);
            assertThat(first.currency()).isEqualTo("GBP");
            assertThat(first.amount()).isEqualByComparingTo("15750.00");
        } finally {
            data.asAdmin(() -> {
                currencies.changeCompanyCurrency("CNY", currencies.rates().size());
                return null;
            });
        }
        assertThat(reload(yuan).companyAmount()).isEqualByComparingTo("125000.00");
        assertThat(reload(pounds).companyAmount()).isNull();
    }

    private Opportunity euroDeal(UserSummary rep, Pipeline pipeline, String amount, LocalDate expectedClose) {
        return deal(rep, pipeline, amount, "EUR", expectedClose);
    }

    private Opportunity deal(UserSummary rep, Pipeline pipeline, String amount, String currency,
                             LocalDate expectedClose) {
        var customer = data.customerOf(rep);
        return as(rep.username(), () -> editing.create(new OpportunityDraft(TestData.unique("deal"),
                customer.id(), null, null, pipeline.id(), null, new BigDecimal(amount), currency, expectedClose,
                null, null, null)));
    }

    private static OpportunityDraft draft(Opportunity deal, String amount, LocalDate expectedClose) {
        return new OpportunityDraft(deal.name(), deal.customerId(), null, null, deal.pipelineId(), null,
                new BigDecimal(amount), deal.currency(), expectedClose, null, null, null);
    }

    private ExchangeRate rate(String currency, String from, String rate) {
        return data.asAdmin(() -> currencies.save(null, null, new ExchangeRateDraft(currency, LocalDate.parse(from),
                new BigDecimal(rate))));
    }

    private Opportunity reload(Opportunity deal) {
        return data.asAdmin(() -> opportunities.get(deal.id()));
    }

    private List<String> problems(ExchangeRateDraft draft) {
        try {
            data.asAdmin(() -> currencies.save(null, null, draft));
        } catch (InvalidInputException e) {
            return e.problems().stream().map(p -> p.field() + " " + p.messageKey()).toList();
        }
        return List.of();
    }
}
