package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What moved the open pipeline between the ends of two days (docs/metrics.md, "Movement between two dates"):
 * the deals open at the first, each way a deal came in or went out, and the deals open at the second. Every deal
 * open at either date counts in exactly one way, with the difference of its amounts (zero when absent), so
 * {@code start + the bars = end} holds for the counts and for the amounts, for the whole selection and for each
 * stage.
 *
 * @param closeFrom            with {@code closeTo}: only deals expected to close in this period count as in the
 *                             pipeline (a change of the close date moves a deal in or out); null for every deal
 * @param createdAndClosed     deals created after the first date and closed by the second: in neither pipeline,
 *                             so in no bar
 */
public record PipelineMovement(LocalDate from, LocalDate to, LocalDate closeFrom, LocalDate closeTo, String currency,
                               Figure start, List<Bar> bars, Figure end, List<StageMovement> stages,
                               long createdAndClosed) {

    public PipelineMovement {
        bars = List.copyOf(bars);
        stages = List.copyOf(stages);
    }

    /** A count of deals and their amount. */
    public record Figure(long deals, BigDecimal amount) {
    }

    /** One way of moving: how many deals, and by how much they changed the pipeline's amount (signed). */
    public record Bar(Movement movement, long deals, BigDecimal amount) {
    }

    /** One stage: its open deals at each date and the bars between, stage moves included. */
    public record StageMovement(long stageId, int position, String nameEn, String nameZh, boolean removed,
                                Figure start, List<Bar> bars, Figure end) {

        public StageMovement {
            bars = List.copyOf(bars);
        }
    }

    /** The ways a deal comes into or goes out of the pipeline, or changes in it. */
    public enum Movement {
        /** Created after the first date, open at the second. */
        CREATED(true),
        /** Closed at the first date, reopened and open at the second. */
        REOPENED(true),
        /** Open at both, but expected outside the period at the first: its close date moved into it. */
        PULLED_IN(true),
        /** Open at both, outside the selection at the first for another reason: a new owner, currency or source. */
        JOINED(true),
        /** Open at both with a higher amount at the second. */
        AMOUNT_UP(true),
        /** Open at both with a lower amount at the second. */
        AMOUNT_DOWN(false),
        /** Open at the first, won by the second. */
        WON(false),
        /** Open at the first, lost by the second. */
        LOST(false),
        /** Open at both, but its close date moved out of the period. */
        PUSHED_OUT(false),
        /** Open at both, outside the selection at the second for another reason. */
        LEFT(false),
        /** Per stage only: open at both dates, in another stage at the first. */
        STAGE_IN(true),
        /** Per stage only: open at both dates, in another stage at the second. */
        STAGE_OUT(false);

        private final boolean adds;

        Movement(boolean adds) {
            this.adds = adds;
        }

        /** Whether the bar brings deals or amount in (drawn rising) rather than taking them out. */
        public boolean adds() {
            return adds;
        }
    }
}
