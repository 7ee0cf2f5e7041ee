package dev.funnel.plugin.internal;

import dev.funnel.customer.CustomerCreated;
import dev.funnel.pipeline.OpportunityEvents.OpportunityCreated;
import dev.funnel.pipeline.OpportunityEvents.OpportunityLost;
import dev.funnel.pipeline.OpportunityEvents.OpportunityReassigned;
import dev.funnel.pipeline.OpportunityEvents.OpportunityStageChanged;
import dev.funnel.pipeline.OpportunityEvents.OpportunityWon;
import dev.funnel.pipeline.OpportunityEvents.TaskDone;
import dev.funnel.pipeline.OpportunityFacts;
import dev.funnel.plugin.ExtensionGuard;
import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.DomainEventListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells plugins' {@link DomainEventListener}s what the modules published. Each event reaches this class after its
 * transaction committed, on one of the {@link EventThreads}, through Spring Modulith's event publication registry
 * (it registers every transactional event listener): the event was
 * recorded in the same transaction as the change and is deleted when this listener returns, and events left after
 * a crash are handed over again at the next start, with the same {@link DomainEvent#id()}. Each plugin listener is
 * called through the {@link ExtensionGuard}: its exception or time-out is logged, shown in Admin &gt; Plugins and
 * skipped, and does not make the event be handed over again.
 */
@Component
class DomainEventBridge {

    private final ExtensionGuard guard;
    private final PluginContexts contexts;

    DomainEventBridge(ExtensionGuard guard, PluginContexts contexts) {
        this.guard = guard;
        this.contexts = contexts;
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(CustomerCreated event) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("name", event.name());
        if (event.ownerId() != null) {
            facts.put("ownerId", Long.toString(event.ownerId()));
            facts.put("owner", event.ownerName());
        }
        if (event.creditCode() != null) {
            facts.put("creditCode", event.creditCode());
        }
        hand(event.eventId(), DomainEvent.CUSTOMER_CREATED, event.occurredAt(), event.customerId(), event.actorId(),
                facts);
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityCreated event) {
        hand(event.eventId(), DomainEvent.OPPORTUNITY_CREATED, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts(event.deal()));
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityReassigned event) {
        Map<String, String> facts = facts(event.deal());
        facts.put("fromOwnerId", Long.toString(event.fromOwnerId()));
        facts.put("fromOwner", event.fromOwnerName());
        hand(event.eventId(), DomainEvent.OPPORTUNITY_REASSIGNED, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts);
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityStageChanged event) {
        Map<String, String> facts = facts(event.deal());
        facts.put("fromStageId", Long.toString(event.fromStageId()));
        facts.put("fromStage", event.fromStageNameEn());
        hand(event.eventId(), DomainEvent.OPPORTUNITY_STAGE_CHANGED, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts);
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityWon event) {
        hand(event.eventId(), DomainEvent.OPPORTUNITY_WON, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts(event.deal()));
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityLost event) {
        Map<String, String> facts = facts(event.deal());
        if (event.lostReason() != null) {
            facts.put("lostReason", event.lostReason());
        }
        hand(event.eventId(), DomainEvent.OPPORTUNITY_LOST, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts);
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(TaskDone event) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("title", event.titleEn());
        facts.put("opportunityId", Long.toString(event.opportunityId()));
        facts.put("assigneeId", Long.toString(event.assigneeId()));
        hand(event.eventId(), DomainEvent.TASK_DONE, event.occurredAt(), event.taskId(), event.actorId(), facts);
    }

    private void hand(UUID id, String type, java.time.Instant occurredAt, long subjectId, Long actorId,
                      Map<String, String> facts) {
        DomainEvent event = new DomainEvent(type, occurredAt, subjectId, actorId, facts, id.toString());
        guard.callAll(DomainEventListener.class, listener -> {
            contexts.attachIfNeeded(listener);
            if (listener.eventTypes().isEmpty() || listener.eventTypes().contains(type)) {
                listener.onEvent(event);
            }
            return Boolean.TRUE;
        });
    }

    private static Map<String, String> facts(OpportunityFacts deal) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("name", deal.name());
        facts.put("ownerId", Long.toString(deal.ownerId()));
        facts.put("owner", deal.ownerName());
        if (deal.customerId() != null) {
            facts.put("customerId", Long.toString(deal.customerId()));
            facts.put("customer", deal.customerName());
        }
        facts.put("pipelineId", Long.toString(deal.pipelineId()));
        facts.put("stageId", Long.toString(deal.stageId()));
        facts.put("stage", deal.stageNameEn());
        facts.put("status", deal.status().name());
        if (deal.amount() != null) {
            facts.put("amount", deal.amount().toPlainString());
        }
        if (deal.actualAmount() != null) {
            facts.put("actualAmount", deal.actualAmount().toPlainString());
        }
        facts.put("currency", deal.currency());
        return facts;
    }
}
