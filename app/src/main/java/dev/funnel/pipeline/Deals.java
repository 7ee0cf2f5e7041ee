package dev.funnel.pipeline;

import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.internal.OpportunityRepository;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import org.springframework.stereotype.Component;

/**
 * What the opportunity services share: finding a deal within a scope (404 outside it), reading it back after a
 * change, and the stale-version error naming who changed it last.
 */
@Component
class Deals {

    private final OpportunityRepository opportunities;
    private final UserService users;

    Deals(OpportunityRepository opportunities, UserService users) {
        this.opportunities = opportunities;
        this.users = users;
    }

    Opportunity visible(long id) {
        return visible(users.visibleScope(), id);
    }

    Opportunity visible(VisibleScope scope, long id) {
        return opportunities.findById(scope, id)
                .orElseThrow(() -> new NotFoundException(OpportunityService.ENTITY, id));
    }

    Opportunity reread(long id, CurrentUser me) {
        return opportunities.findById(VisibleScope.everything(me.id()), id).orElseThrow();
    }

    StaleVersionException stale(long id) {
        var last = opportunities.lastChange(users.visibleScope(), id);
        return new StaleVersionException(OpportunityService.ENTITY, id,
                last.map(OpportunityRepository.LastChange::byName).orElse(null),
                last.map(OpportunityRepository.LastChange::at).orElse(null));
    }

    static Stage stageOf(Pipeline pipeline, long stageId) {
        return pipeline.stages().stream().filter(s -> s.id() == stageId).findFirst()
                .orElseThrow(() -> InvalidInputException.of("stageId", "validation.stage.other-pipeline"));
    }
}
