package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * An open deal at the second date of a review that something is wrong with (docs/metrics.md, "Flags"), with the
 * figures behind each flag.
 *
 * @param closePushes      times its expected close date moved later between the two dates
 * @param closePushesEver  times it moved later since the deal was created, up to the second date
 * @param daysInStage      whole days in its stage at the second date
 * @param daysWithoutFollowUp whole days since the customer's last follow-up at the second date; null for never
 */
public record FlaggedDeal(long id, String name, String ownerName, long stageId, BigDecimal amount,
                          LocalDate expectedClose, Set<Flag> flags, int closePushes, int closePushesEver,
                          long daysInStage, Long daysWithoutFollowUp) {

    public FlaggedDeal {
        flags = Set.copyOf(flags);
    }

    /** What a review looks at. */
    public enum Flag {
        /** The expected close date moved later between the dates. */
        CLOSE_PUSHED,
        /** The amount was lowered between the dates. */
        AMOUNT_CUT,
        /** Moved to an earlier stage between the dates. */
        STAGE_BACK,
        /** In its stage longer than the stage allows (its "stalled after" days) at the second date. */
        STALLED,
        /** No follow-up with the customer for the review's quiet days. */
        NO_FOLLOW_UP,
        /** Created between the dates and among the largest tenth of the open deals at the second. */
        LARGE_NEW
    }
}
