package dev.funnel.pipeline;

import dev.funnel.platform.Texts;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A to-do with an assignee and a due date, usually born from a key activity of the stage a deal entered; one given
 * by hand (a review's decision) may be about no deal, and then has no opportunity.
 */
public record Task(long id, Long opportunityId, String opportunityName, Long stageId, String stageNameEn,
                   String stageNameZh, Long keyActivityId, String titleEn, String titleZh, long assigneeId,
                   String assigneeName, LocalDate dueDate, boolean required, Status status, String note,
                   OffsetDateTime completedAt, int version) {

    /** Open until done; cancelled when its deal left the stage before an optional task was done. */
    public enum Status {
        OPEN,
        DONE,
        CANCELLED
    }

    public String title(Locale locale) {
        return Texts.pick(locale, titleEn, titleZh);
    }

    public String stageName(Locale locale) {
        return stageNameEn == null ? "" : Texts.pick(locale, stageNameEn, stageNameZh);
    }
}
