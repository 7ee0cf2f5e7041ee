package dev.funnel.analytics;

import java.time.LocalDate;

/**
 * Which deals a report covers (docs/metrics.md, "Selection"). Every field may be null: no period bound, the
 * default pipeline, the company currency, no narrowing by team, rep, product or lead source.
 *
 * @param from      first day of the period, inclusive, in the company's time zone
 * @param to        last day of the period, inclusive
 * @param teamId    the deal's current owner is in this team or a team below it
 * @param ownerId   the deal's current owner
 * @param productId the deal has a product line for this product
 * @param source    the deal's lead source code
 * @param currency  ISO code: the company currency (or null) covers every deal, each converted at the rate of
 *                  its day; another currency covers only the deals in it, as entered (docs/metrics.md, "Currencies")
 */
public record ReportFilter(LocalDate from, LocalDate to, Long pipelineId, Long teamId, Long ownerId, Long productId,
                           String source, String currency) {

    public ReportFilter withPeriod(LocalDate newFrom, LocalDate newTo) {
        return new ReportFilter(newFrom, newTo, pipelineId, teamId, ownerId, productId, source, currency);
    }

    public ReportFilter withCurrency(String newCurrency) {
        return new ReportFilter(from, to, pipelineId, teamId, ownerId, productId, source, newCurrency);
    }
}
