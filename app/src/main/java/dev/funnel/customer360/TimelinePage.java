package dev.funnel.customer360;

import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import java.util.List;

/** A page of a customer's timeline, newest first; {@code next} is null on the last page. */
public record TimelinePage(List<TimelineEntry> entries, TimelineCursor next) {

    public TimelinePage {
        entries = List.copyOf(entries);
    }
}
