package dev.funnel.plugin.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A deal as it stood at one moment, {@link #asOf()}: what a scorer may know of it then, and nothing later. The
 * host builds it from the deal's ledgers (stage moves; changes of amount, expected close date, next step and
 * owner; follow-ups; exit-criteria confirmations), so a snapshot of a closed deal taken at a moment before its
 * close never carries the outcome, its close date or what was typed in after it. What has no ledger is as it is
 * now: the lead source, the products on the deal, and the customer's industry, size and region.
 *
 * @param id                      the deal's id; opaque, never a feature
 * @param asOf                    the moment described
 * @param stageKey                the stage's name in English at that moment
 * @param stagePosition           the stage's position in its sales process, from 1
 * @param stageCount              how many open stages the sales process has
 * @param stageProbability        the stage's default win probability in percent
 * @param daysInStage             whole days since the deal entered that stage
 * @param ageDays                 whole days since the deal was created
 * @param amount                  the amount then, in the deal's currency, or {@code null} when not yet known
 * @param currency                the deal's ISO 4217 currency code
 * @param companyAmount           the amount in the company's currency at the rate in effect that day, or {@code null}
 *                                (no amount, or no rate for its currency)
 * @param daysToExpectedClose     days from that moment to the expected close date then (negative when it had
 *                                passed), or {@code null} when none was set
 * @param closeDateMoves          how many times the expected close date had been changed by then
 * @param products                the codes of the products on the deal
 * @param leadSource              the lead source, or {@code null}
 * @param customerIndustry        the customer's industry, or {@code null}
 * @param customerEmployees       the customer's head count, or {@code null}
 * @param customerRegion          the customer's city (else country), or {@code null}
 * @param ownerId                 the owner then, as an opaque text
 * @param activities              follow-ups logged on the deal before that moment, by type
 * @param exitCriteriaTotal       how many exit criteria the stage has
 * @param exitCriteriaConfirmed   how many of them had been confirmed by then
 * @param nextStepSet             whether a next step was written down then
 * @param decisionMakerEngaged    whether a contact of the customer marked decision maker had a follow-up in the
 *                                90 days before that moment
 * @since 1.4.0
 */
public record DealSnapshot(long id, Instant asOf, String stageKey, int stagePosition, int stageCount,
                           int stageProbability, int daysInStage, int ageDays, BigDecimal amount, String currency,
                           BigDecimal companyAmount, Integer daysToExpectedClose, int closeDateMoves,
                           List<String> products, String leadSource, String customerIndustry,
                           Integer customerEmployees, String customerRegion, String ownerId,
                           List<ActivityCount> activities, int exitCriteriaTotal, int exitCriteriaConfirmed,
                           boolean nextStepSet, boolean decisionMakerEngaged) {

    /** @since 1.4.0 */
    public DealSnapshot {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(stageKey, "stageKey");
        products = List.copyOf(products);
        activities = List.copyOf(activities);
    }

    /**
     * Follow-ups of one type logged on the deal in the windows before the snapshot's moment.
     *
     * @param type a follow-up type such as {@code CALL}, {@code VISIT}, {@code WECHAT}, {@code EMAIL}
     * @since 1.4.0
     */
    public record ActivityCount(String type, int last7Days, int last30Days, int last90Days) {
    }

    /**
     * Follow-ups of every type in the last 30 days.
     *
     * @since 1.4.0
     */
    public int activitiesLast30Days() {
        return activities.stream().mapToInt(ActivityCount::last30Days).sum();
    }

    /**
     * The same deal as a 1.0 scorer reads it.
     *
     * @since 1.4.0
     */
    public OpportunitySnapshot asOpportunitySnapshot() {
        return new OpportunitySnapshot(id, stageKey, stageProbability, amount, currency,
                daysToExpectedClose == null ? null
                        : asOf.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(daysToExpectedClose),
                leadSource, daysInStage, activitiesLast30Days());
    }
}
