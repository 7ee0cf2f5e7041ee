package dev.funnel.pipeline.ui;

import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.StageProgressService;
import org.springframework.stereotype.Component;

/** The four opportunity services, for the views and dialogs that read, edit, advance and close deals. */
@Component
class OpportunityServices {

    private final OpportunityService queries;
    private final OpportunityEditService editing;
    private final StageProgressService progress;
    private final OpportunityCloseService outcomes;

    OpportunityServices(OpportunityService queries, OpportunityEditService editing, StageProgressService progress,
                        OpportunityCloseService outcomes) {
        this.queries = queries;
        this.editing = editing;
        this.progress = progress;
        this.outcomes = outcomes;
    }

    OpportunityService queries() {
        return queries;
    }

    OpportunityEditService editing() {
        return editing;
    }

    StageProgressService progress() {
        return progress;
    }

    OpportunityCloseService outcomes() {
        return outcomes;
    }
}
