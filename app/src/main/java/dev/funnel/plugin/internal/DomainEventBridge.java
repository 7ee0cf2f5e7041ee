package dev.funnel.plugin.internal;

import dev.funnel.customer.CustomerCreated;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.notification.NotificationCreated;
import dev.funnel.platform.Messages;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
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
import dev.funnel.platform.PublishedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells plugins' {@link DomainEventListener}s what the modules published. Each event reaches this class after its
 * transaction committed, on one of the {@link EventThreads}, through Spring Modulith's event publication registry
 * (it registers every transactional event listener): the event was
 * recorded in the same transaction as the change and is deleted when this listener returns, and events left after
 * a crash are handed over again at the next start, with the same {@link DomainEvent#id()}. Each plugin listener is
 * called through the {@link ExtensionGuard}: its exception or time-out is logged and shown in Admin &gt; Plugins,
 * and the event stays in the registry and is handed over again (to every listener, with the same id) a minute
 * later, or at the next start.
 */
@Component
class DomainEventBridge {

    private final ExtensionGuard guard;
    private final PluginContexts contexts;
    private final IncompleteEventPublications incomplete;
    private final Set<UUID> missedEvents = ConcurrentHashMap.newKeySet();
    private final TeamService teams;
    private final UserService users;
    private final Messages messages;
    private final String baseUrl;

    DomainEventBridge(ExtensionGuard guard, PluginContexts contexts, IncompleteEventPublications incomplete,
                      TeamService teams, UserService users, Messages messages,
                      @Value("${funnel.base-url:http://localhost:8080}") String baseUrl) {
        this.guard = guard;
        this.contexts = contexts;
        this.incomplete = incomplete;
        this.teams = teams;
        this.users = users;
        this.messages = messages;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * A notification, worded in both languages, so that a plugin can pass it on in the language of where it
     * posts (a team's group chat), with the person it was for and their teams.
     */
    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(NotificationCreated event) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("kind", event.messageKey());
        facts.put("recipientId", Long.toString(event.userId()));
        users.mailProfiles(List.of(event.userId())).stream().findFirst()
                .ifPresent(p -> facts.put("recipient", p.fullName()));
        Object[] arguments = event.arguments().toArray();
        facts.put("text.en", messages.get(event.messageKey(), Messages.ENGLISH, arguments));
        facts.put("text.zh-CN", messages.get(event.messageKey(), Messages.CHINESE, arguments));
        people(facts, event.userId(), event.link());
        hand(event.eventId(), DomainEvent.NOTIFICATION_CREATED, event.occurredAt(), event.userId(), null, facts);
    }

    /** The person's teams, nearest first (ids and names), and the absolute link of the record. */
    private void people(Map<String, String> facts, long personId, String route) {
        List<Team> path = teams.pathOf(personId);
        facts.put("teamIds", String.join(",", path.stream().map(t -> Long.toString(t.id())).toList()));
        facts.put("teams", String.join(",", path.stream().map(Team::name).toList()));
        if (route != null) {
            facts.put("link", baseUrl + "/" + route);
        }
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
                event.actorId(), facts(event.opportunityId(), event.deal()));
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityReassigned event) {
        Map<String, String> facts = facts(event.opportunityId(), event.deal());
        facts.put("fromOwnerId", Long.toString(event.fromOwnerId()));
        facts.put("fromOwner", event.fromOwnerName());
        hand(event.eventId(), DomainEvent.OPPORTUNITY_REASSIGNED, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts);
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityStageChanged event) {
        Map<String, String> facts = facts(event.opportunityId(), event.deal());
        facts.put("fromStageId", Long.toString(event.fromStageId()));
        facts.put("fromStage", event.fromStageNameEn());
        hand(event.eventId(), DomainEvent.OPPORTUNITY_STAGE_CHANGED, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts);
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityWon event) {
        hand(event.eventId(), DomainEvent.OPPORTUNITY_WON, event.occurredAt(), event.opportunityId(),
                event.actorId(), facts(event.opportunityId(), event.deal()));
    }

    @Async(EventThreads.BEAN)
    @TransactionalEventListener
    void on(OpportunityLost event) {
        Map<String, String> facts = facts(event.opportunityId(), event.deal());
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
        if (event.opportunityId() != null) {
            facts.put("opportunityId", Long.toString(event.opportunityId()));
        }
        facts.put("assigneeId", Long.toString(event.assigneeId()));
        hand(event.eventId(), DomainEvent.TASK_DONE, event.occurredAt(), event.taskId(), event.actorId(), facts);
    }

    private void hand(UUID id, String type, java.time.Instant occurredAt, long subjectId, Long actorId,
                      Map<String, String> facts) {
        DomainEvent event = new DomainEvent(type, occurredAt, subjectId, actorId, facts, id.toString());
        int missed = guard.callEach(DomainEventListener.class, listener -> {
            contexts.attachIfNeeded(listener);
            if (listener.eventTypes().isEmpty() || listener.eventTypes().contains(type)) {
                listener.onEvent(event);
            }
        });
        if (missed > 0) {
            // the publication stays incomplete: handed over again by retryMissed, or at the next start
            missedEvents.add(id);
            throw new IllegalStateException(type + " " + id + " did not reach " + missed
                    + " plugin listener(s); it will be handed over again");
        }
    }

    /**
     * Every minute, hands over again the events that some listener missed (it failed, timed out, or its plugin
     * was suspended): to every listener, with the same id, so listeners that had it already can tell. Only
     * events known to have been missed are taken; others still waiting for a thread are left alone.
     */
    @Scheduled(fixedDelayString = "${funnel.events.retry-every:60s}",
            initialDelayString = "${funnel.events.retry-every:60s}")
    void retryMissed() {
        if (missedEvents.isEmpty()) {
            return;
        }
        incomplete.resubmitIncompletePublications(publication ->
                publication.getEvent() instanceof PublishedEvent event && missedEvents.remove(event.eventId()));
    }

    private Map<String, String> facts(long opportunityId, OpportunityFacts deal) {
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
        if (deal.stageNameZh() != null) {
            facts.put("stage.zh-CN", deal.stageNameZh());
        }
        people(facts, deal.ownerId(), "opportunities/" + opportunityId);
        return facts;
    }
}
