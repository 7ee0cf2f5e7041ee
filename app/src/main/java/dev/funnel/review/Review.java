package dev.funnel.review;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A review meeting: its team, pipeline and period, its agenda (live while open, frozen once closed), and the notes
 * and decisions recorded in it; each decision shows its task's state now.
 */
public record Review(long id, long teamId, String teamName, long pipelineId, ReviewPeriod period,
                     LocalDate periodStart, LocalDate periodEnd, Status status, String createdByName,
                     OffsetDateTime createdAt, String closedByName, OffsetDateTime closedAt, int version,
                     ReviewAgenda agenda, List<ReviewNote> notes, List<ReviewDecision> decisions) {

    public Review {
        notes = List.copyOf(notes);
        decisions = List.copyOf(decisions);
    }

    /** Open while the meeting takes notes and decisions; closed for good once its figures are frozen. */
    public enum Status {
        OPEN,
        CLOSED
    }

    public boolean closed() {
        return status == Status.CLOSED;
    }
}
