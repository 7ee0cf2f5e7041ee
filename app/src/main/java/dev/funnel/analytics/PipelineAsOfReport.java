package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The open pipeline as it stood at the end of a day (docs/metrics.md, "Pipeline as of a date"): per stage, the
 * deals open in it then, with their amounts then, weighted by the stage's probability.
 *
 * @param date          the day whose end the figures describe, in the company's time zone
 * @param moment        that end as an instant (the first instant of the next day; a change at it is not counted)
 * @param currency      what the amounts are in
 * @param firstDealDate the day the first deal of the selection was created; null when it has none. A date before
 *                      it has an empty pipeline for that reason, which the page says
 * @param stages        every stage of the pipeline in order, then removed stages that held deals then
 * @param unconverted   deals counted whose currency had no exchange rate (their amounts count as zero)
 */
public record PipelineAsOfReport(LocalDate date, Instant moment, long pipelineId, String currency,
                                 LocalDate firstDealDate, List<StageLine> stages, long deals, BigDecimal amount,
                                 BigDecimal weighted, long unconverted) {

    public PipelineAsOfReport {
        stages = List.copyOf(stages);
    }

    /** A date before the selection's first deal: nothing was open because nothing existed yet. */
    public boolean beforeFirstDeal() {
        return firstDealDate == null || date.isBefore(firstDealDate);
    }

    /** One stage's open deals then; {@code removed} for a stage an administrator has removed since. */
    public record StageLine(long stageId, int position, String nameEn, String nameZh, int probability,
                            boolean removed, long deals, BigDecimal amount, BigDecimal weighted) {
    }
}
