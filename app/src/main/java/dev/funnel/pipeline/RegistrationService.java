package dev.funnel.pipeline;

import dev.funnel.catalog.ProductService;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.CustomerSummary;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.notification.NotificationService;
import dev.funnel.pipeline.internal.RegistrationRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration (报备): the rule that stops two reps from chasing the same deal. A rep who wants to work a customer
 * another rep owns, or to sell a product another rep is already selling that customer, files a request; the
 * other rep's manager approves it — which creates the deal for the requester — or rejects it with a comment.
 * Both reps are told either way, and every request and decision is kept.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class RegistrationService {

    static final String ENTITY = "registration";

    private final RegistrationRepository registrations;
    private final OpportunityEditService editing;
    private final CustomerService customers;
    private final ProductService products;
    private final UserService users;
    private final NotificationService notifications;
    private final Clock clock;

    RegistrationService(RegistrationRepository registrations, OpportunityEditService editing,
                        CustomerService customers, ProductService products, UserService users,
                        NotificationService notifications, Clock clock) {
        this.registrations = registrations;
        this.editing = editing;
        this.customers = customers;
        this.products = products;
        this.users = users;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Files a request; refused when none is needed (the rep may simply go ahead) or one is already pending. */
    @Transactional
    public RegistrationRequest request(RegistrationDraft draft) {
        CurrentUser me = users.current();
        Checks.start()
                .required("customerId", draft.customerId())
                .required("opportunityName", draft.opportunityName())
                .maxLength("opportunityName", draft.opportunityName(), 200)
                .required("reason", draft.reason())
                .maxLength("reason", draft.reason(), 2000)
                .rule(draft.productId() == null || products.find(draft.productId()).isPresent(), "productId",
                        "validation.unknown")
                .orThrow();
        // a customer the rep may not know of is answered as one that does not exist
        CustomerSummary customer = customers.summary(draft.customerId())
                .filter(found -> customers.mayKnow(found, draft.customerName()))
                .orElseThrow(() -> InvalidInputException.of("customerId", "validation.unknown"));
        if (customer.ownerId() == null) {
            throw InvalidInputException.of("customerId", "validation.registration.pool", customer.name());
        }
        Long holderId = null;
        if (!users.visibleScope().canSee(customer.ownerId())) {
            holderId = customer.ownerId();
        } else if (draft.productId() != null) {
            Optional<RegistrationRepository.Holder> holder =
                    registrations.productHolder(customer.id(), draft.productId(), me.id());
            holderId = holder.map(RegistrationRepository.Holder::id).orElse(null);
        }
        Checks.start()
                .rule(holderId != null, "customerId", "validation.registration.not-needed")
                .rule(!registrations.pendingExists(customer.id(), draft.productId(), me.id()), "customerId",
                        "validation.registration.pending")
                .orThrow();
        Long approverId = users.managerOf(holderId).orElse(null);
        long id = registrations.insert(draft, me.id(), holderId, approverId);
        List<String> about = List.of(me.fullName(), customer.name());
        if (approverId != null) {
            notifications.notify(approverId, "notification.registration.to-decide", about, "registrations");
        }
        notifications.notify(holderId, "notification.registration.filed", about, "registrations");
        return registrations.findById(id).orElseThrow();
    }

    /** The requests the signed-in user filed, newest first. */
    public List<RegistrationRequest> mine() {
        return registrations.find(RegistrationRepository.filedBy(users.current().id()));
    }

    /** The pending requests the signed-in user decides: as the holder's manager, or any as an administrator. */
    public List<RegistrationRequest> toDecide() {
        CurrentUser me = users.current();
        return registrations.find(RegistrationRepository.pendingFor(me.id(), me.isAdmin()));
    }

    /** Which requests a list holds. */
    public enum Listing {
        /** those the caller filed */
        MINE,
        /** those waiting for the caller's decision */
        TO_DECIDE,
        /** those the caller filed, holds the deal of or decides; every one for an administrator */
        INVOLVING
    }

    /** One page of a listing, newest first, or in id order for an integration's sync. */
    public dev.funnel.platform.PageResult<RegistrationRequest> list(Listing listing,
                                                                    dev.funnel.platform.SyncWindow window,
                                                                    dev.funnel.platform.PageRequest page) {
        CurrentUser me = users.current();
        org.jooq.Condition condition = switch (listing) {
            case MINE -> RegistrationRepository.filedBy(me.id());
            case TO_DECIDE -> RegistrationRepository.pendingFor(me.id(), me.isAdmin());
            case INVOLVING -> RegistrationRepository.involving(me.id(), me.isAdmin());
        };
        return new dev.funnel.platform.PageResult<>(registrations.find(condition, window, page.offset(),
                page.limit()), registrations.count(condition, window), page.page(), page.size());
    }

    /** One request its requester, holder or approver (or an administrator) may see. */
    public RegistrationRequest get(long id) {
        CurrentUser me = users.current();
        return registrations.findById(id)
                .filter(r -> me.isAdmin() || r.requesterId() == me.id() || Objects.equals(r.holderId(), me.id())
                        || Objects.equals(r.approverId(), me.id()))
                .orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    /** Approves the request: the requester gets the deal (with the product, if named), and both reps are told. */
    @Transactional
    public RegistrationRequest approve(long id, int version, String comment) {
        RegistrationRequest request = decidable(id, version);
        Opportunity deal = editing.createRegistered(request.opportunityName(), request.customerId(),
                request.requesterId(), request.productId());
        decide(request, RegistrationStatus.APPROVED, comment, deal.id());
        notifyBoth(request, "notification.registration.approved", comment, "opportunities/" + deal.id());
        return registrations.findById(id).orElseThrow();
    }

    /** Rejects the request; the comment, which says why, is required. */
    @Transactional
    public RegistrationRequest reject(long id, int version, String comment) {
        Checks.start().required("comment", comment).maxLength("comment", comment, 2000).orThrow();
        RegistrationRequest request = decidable(id, version);
        decide(request, RegistrationStatus.REJECTED, comment, null);
        notifyBoth(request, "notification.registration.rejected", comment, "registrations");
        return registrations.findById(id).orElseThrow();
    }

    private RegistrationRequest decidable(long id, int version) {
        CurrentUser me = users.current();
        RegistrationRequest request = registrations.findById(id)
                .filter(r -> me.isAdmin() || Objects.equals(r.approverId(), me.id()))
                .orElseThrow(() -> new NotFoundException(ENTITY, id));
        if (request.version() != version) {
            throw new StaleVersionException(ENTITY, id);
        }
        Checks.start().rule(request.status() == RegistrationStatus.PENDING, "status",
                "validation.registration.decided").orThrow();
        return request;
    }

    private void decide(RegistrationRequest request, RegistrationStatus status, String comment, Long dealId) {
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (!registrations.decide(request.id(), request.version(), status, text, users.current().id(),
                OffsetDateTime.now(clock), dealId)) {
            throw new StaleVersionException(ENTITY, request.id());
        }
    }

    private void notifyBoth(RegistrationRequest request, String key, String comment, String link) {
        List<String> about = List.of(request.customerName(), users.current().fullName(),
                comment == null ? "" : comment.trim());
        notifications.notify(request.requesterId(), key, about, link);
        if (request.holderId() != null) {
            notifications.notify(request.holderId(), key, about, "registrations");
        }
    }
}
