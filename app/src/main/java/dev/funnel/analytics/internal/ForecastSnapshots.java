package dev.funnel.analytics.internal;

import dev.funnel.analytics.PeriodKind;
import dev.funnel.currency.CurrencyService;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves the forecast every week (Monday night by default, {@code funnel.forecast.snapshot-cron}) for the month
 * and the quarter under way, so that forecast and actual can be compared when the period is over. Safe to run
 * twice and on several instances: a day's snapshot is written once.
 */
@Component
public class ForecastSnapshots {

    private static final Logger log = LoggerFactory.getLogger(ForecastSnapshots.class);

    private final SnapshotRepository snapshots;
    private final CurrencyService currencies;
    private final Clock clock;

    ForecastSnapshots(SnapshotRepository snapshots, CurrencyService currencies, Clock clock) {
        this.snapshots = snapshots;
        this.currencies = currencies;
        this.clock = clock;
    }

    @Scheduled(cron = "${funnel.forecast.snapshot-cron:0 30 1 * * MON}")
    public void weekly() {
        int written = run();
        log.info("Forecast snapshot taken: {} rows", written);
    }

    @Transactional
    public int run() {
        LocalDate today = LocalDate.now(clock);
        int written = 0;
        String companyCurrency = currencies.companyCurrency();
        for (PeriodKind kind : PeriodKind.values()) {
            written += snapshots.take(today, kind, companyCurrency);
        }
        return written;
    }
}
