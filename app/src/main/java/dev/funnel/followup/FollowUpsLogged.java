package dev.funnel.followup;

import java.util.Set;

/** Follow-ups were logged on these deals: what scores them may have changed. */
public record FollowUpsLogged(Set<Long> opportunityIds) {

    public FollowUpsLogged {
        opportunityIds = Set.copyOf(opportunityIds);
    }
}
