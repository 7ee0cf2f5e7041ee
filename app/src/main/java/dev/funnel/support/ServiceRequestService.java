package dev.funnel.support;

import dev.funnel.customer.CustomerService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.platform.TimelineCursor;
import dev.funnel.platform.TimelineEntry;
import dev.funnel.support.internal.ServiceRequestRepository;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Service requests. Whoever sees a customer sees and works its requests; resolving one dates it. */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class ServiceRequestService {

    static final String ENTITY = "service-request";

    private final ServiceRequestRepository requests;
    private final CustomerService customers;
    private final UserService users;
    private final Clock clock;

    ServiceRequestService(ServiceRequestRepository requests, CustomerService customers, UserService users,
                          Clock clock) {
        this.requests = requests;
        this.customers = customers;
        this.users = users;
        this.clock = clock;
    }

    /** Requests of the customers the caller sees, newest first, optionally only the open ones. */
    public PageResult<ServiceRequest> list(String text, boolean openOnly, PageRequest page) {
        return list(text, openOnly, dev.funnel.platform.SyncWindow.ALL, page);
    }

    /** As {@link #list(String, boolean, PageRequest)}, narrowed for an integration's sync (then in id order). */
    public PageResult<ServiceRequest> list(String text, boolean openOnly, dev.funnel.platform.SyncWindow window,
                                           PageRequest page) {
        var scope = users.visibleScope();
        return new PageResult<>(requests.find(scope, text, openOnly, window, page.offset(), page.limit()),
                requests.count(scope, text, openOnly, window), page.page(), page.size());
    }

    public List<ServiceRequest> forCustomer(long customerId) {
        customers.get(customerId);
        return requests.findForCustomer(users.visibleScope(), customerId);
    }

    public ServiceRequest get(long id) {
        return requests.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    public int openCount(long customerId) {
        customers.get(customerId);
        return requests.openCount(users.visibleScope(), customerId);
    }

    public List<TimelineEntry> timeline(long customerId, TimelineCursor after, int limit) {
        customers.get(customerId);
        return requests.timeline(users.visibleScope(), customerId, after, limit);
    }

    @Transactional
    public ServiceRequest create(ServiceRequestDraft requested) {
        ServiceRequestDraft draft = withDefaults(requested);
        check(draft);
        customers.get(draft.customerId());
        checkContact(draft);
        long me = users.current().id();
        return get(requests.insert(draft, LocalDate.now(clock), me, me));
    }

    @Transactional
    public ServiceRequest update(long id, int version, ServiceRequestDraft requested) {
        ServiceRequest current = get(id);
        ServiceRequestDraft draft = withDefaults(new ServiceRequestDraft(current.customerId(), requested.contactId(),
                requested.subject(), requested.description(), requested.priority(), requested.status(),
                requested.dueOn()));
        check(draft);
        checkContact(draft);
        LocalDate resolvedOn = draft.status().isOpen() ? null
                : current.resolvedOn() != null ? current.resolvedOn() : LocalDate.now(clock);
        if (!requests.update(id, version, draft, resolvedOn, users.current().id())) {
            throw new StaleVersionException(ENTITY, id);
        }
        return get(id);
    }

    private static ServiceRequestDraft withDefaults(ServiceRequestDraft d) {
        return new ServiceRequestDraft(d.customerId(), d.contactId(), d.subject(), d.description(),
                d.priority() == null ? RequestPriority.NORMAL : d.priority(),
                d.status() == null ? RequestStatus.OPEN : d.status(), d.dueOn());
    }

    private static void check(ServiceRequestDraft draft) {
        Checks.start()
                .required("customerId", draft.customerId())
                .required("subject", draft.subject())
                .maxLength("subject", draft.subject(), 200)
                .maxLength("description", draft.description(), 10_000)
                .orThrow();
    }

    private void checkContact(ServiceRequestDraft draft) {
        Checks.start().rule(draft.contactId() == null || customers.hasContact(draft.customerId(), draft.contactId()),
                "contactId", "validation.contact.other-customer").orThrow();
    }
}
