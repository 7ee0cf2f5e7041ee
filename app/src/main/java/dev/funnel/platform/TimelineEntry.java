package dev.funnel.platform;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One entry of a customer's timeline, from whichever module keeps it. The UI words it; the module only says what
 * happened: {@code code} is the follow-up's type, the stage event (CREATED, MOVED, WON, LOST, REOPENED) or the
 * service request's status.
 *
 * @param id            the entry's id in its own table, unique within its kind
 * @param subject       what it is about: the follow-up's content, the deal's name, the order's number, ...
 * @param detail        more: the stage entered, the request's priority; may be null
 * @param detailZh      the detail in Chinese where it has its own (a stage's name), else null
 * @param opportunityId the deal it belongs to, if any, for a link
 */
public record TimelineEntry(TimelineKind kind, OffsetDateTime at, long id, String code, String subject,
                            String detail, String detailZh, String actorName, BigDecimal amount, String currency, Long opportunityId) {

    /** Where this entry sits in the timeline's order: newest first, then by kind, then newest id first. */
    public TimelineCursor cursor() {
        return new TimelineCursor(at, kind, id);
    }
}
