package dev.funnel.customer;

import dev.funnel.customer.internal.CustomerRepository;
import dev.funnel.customer.internal.DuplicateRepository;
import dev.funnel.customer.internal.ExistingCustomer;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.Checks;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.RowProblem;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers and their contacts. A user reads and changes only the customers they may see; someone else's
 * customer is 'not found', never 'forbidden', so nothing leaks. The duplicate check is the exception: it looks
 * at every customer, and names the owner, so that two reps do not chase the same company.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class CustomerService {

    static final String ENTITY = "customer";

    private final CustomerRepository customers;
    private final DuplicateRepository duplicates;
    private final UserService users;
    private final Clock clock;

    private final ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<CompanyRegistry> registry;

    /** How long the form's "fill from registry" waits for the registry. */
    static final java.time.Duration REGISTRY_LOOK_UP = java.time.Duration.ofSeconds(4);
    /** How long the duplicate check waits for the registry before it answers without it. */
    static final java.time.Duration REGISTRY_FOR_DUPLICATES = java.time.Duration.ofMillis(1500);

    CustomerService(CustomerRepository customers, DuplicateRepository duplicates, UserService users, Clock clock,
                    ApplicationEventPublisher events,
                    org.springframework.beans.factory.ObjectProvider<CompanyRegistry> registry) {
        this.events = events;
        this.registry = registry;
        this.customers = customers;
        this.duplicates = duplicates;
        this.users = users;
        this.clock = clock;
    }

    public PageResult<Customer> list(CustomerFilter filter, PageRequest page) {
        VisibleScope scope = users.visibleScope();
        return new PageResult<>(customers.find(scope, filter, page), customers.count(scope, filter), page.page(),
                page.size());
    }

    public long count(CustomerFilter filter) {
        return customers.count(users.visibleScope(), filter);
    }

    /**
     * Who a customer is and who owns it, for any customer: the name and owner are what a rep needs to file a
     * registration request or to talk to the owner, and reveal nothing else.
     */
    public java.util.Optional<CustomerSummary> summary(long id) {
        return duplicates.summary(id);
    }

    /**
     * For filing a registration request: the customers the caller may see whose name contains the text, and any
     * other customer whose name or credit code the text is (the duplicate check's rule), each with its owner.
     */
    public List<CustomerSummary> lookup(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return duplicates.lookup(users.visibleScope(), text.trim(), CompanyNames.normalize(text),
                CustomerRules.blankToNull(CreditCode.normalize(text)));
    }

    /**
     * Whether the caller may learn that the customer exists and who owns it: it is theirs to see, in the pool,
     * or they named it as the duplicate check compares names and credit codes.
     */
    public boolean mayKnow(CustomerSummary customer, String nameAsKnown) {
        if (customer.ownerId() == null || users.visibleScope().canSee(customer.ownerId())) {
            return true;
        }
        if (nameAsKnown == null || nameAsKnown.isBlank()) {
            return false;
        }
        String code = CreditCode.normalize(nameAsKnown);
        return java.util.Objects.equals(CompanyNames.normalize(nameAsKnown), CompanyNames.normalize(customer.name()))
                || code != null && !code.isBlank() && duplicates.findAny(Set.of(code), Set.of()).stream()
                        .anyMatch(existing -> existing.id() == customer.id());
    }

    public Customer get(long id) {
        return customers.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    /**
     * Existing customers that look like this one: the same credit code (which blocks saving), the same name once
     * legal form, width, punctuation and case are set aside, or the same phone or e-mail on it or its contacts.
     */
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public List<DuplicateCandidate> findDuplicates(CustomerDraft draft, Long exceptId) {
        String code = CustomerRules.blankToNull(CreditCode.normalize(draft.creditCode()));
        Set<String> phones = new HashSet<>();
        CustomerRules.addPhoneDigits(phones, draft.phone());
        Set<String> emails = new HashSet<>();
        if (draft.email() != null && !draft.email().isBlank()) {
            emails.add(draft.email().trim().toLowerCase(Locale.ROOT));
        }
        List<DuplicateCandidate> found = duplicates.find(code, CompanyNames.normalize(draft.name()), phones, emails,
                exceptId);
        String registered = code == null ? registeredCode(draft.name()) : null;
        if (registered == null) {
            return found;
        }
        // the registry names the legal entity behind the name typed: a customer entered under another form of the
        // name (上海艾克美信息技术有限公司 for 艾克美) is found by its credit code
        java.util.Map<Long, DuplicateCandidate> merged = new java.util.LinkedHashMap<>();
        found.forEach(c -> merged.put(c.customerId(), c));
        for (DuplicateCandidate byCode : duplicates.find(registered, null, Set.of(), Set.of(), exceptId)) {
            merged.merge(byCode.customerId(), new DuplicateCandidate(byCode.customerId(), byCode.name(),
                    byCode.ownerName(), Set.of(DuplicateReason.REGISTERED_NAME)), (a, b) -> {
                        Set<DuplicateReason> reasons = new HashSet<>(a.reasons());
                        reasons.add(DuplicateReason.REGISTERED_NAME);
                        return new DuplicateCandidate(a.customerId(), a.name(), a.ownerName(), reasons);
                    });
        }
        return List.copyOf(merged.values());
    }

    /** The credit code the registry gives for a name, when it finds exactly one company; null otherwise. */
    private String registeredCode(String name) {
        CompanyRegistry registered = registry.getIfAvailable();
        if (registered == null || name == null || name.isBlank() || name.trim().length() < 2) {
            return null;
        }
        RegistryAnswer answer = registered.lookUp(name.trim(), REGISTRY_FOR_DUPLICATES);
        return answer.companies().size() == 1
                ? CustomerRules.blankToNull(CreditCode.normalize(answer.companies().get(0).creditCode())) : null;
    }

    /**
     * The business registry's companies for a name or credit code, for the form's "fill from registry": never an
     * error for the registry's failures, which come back as the answer's problem, so the form carries on without.
     */
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public RegistryAnswer lookUpRegistry(String nameOrCreditCode) {
        Checks.start().rule(nameOrCreditCode != null && nameOrCreditCode.trim().length() >= 2, "q",
                "validation.registry.query").orThrow();
        CompanyRegistry registered = registry.getIfAvailable();
        return registered == null ? RegistryAnswer.none()
                : registered.lookUp(nameOrCreditCode.trim(), REGISTRY_LOOK_UP);
    }

    @Transactional
    public Customer create(CustomerDraft draft) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        CustomerDraft clean = CustomerRules.normalized(draft);
        long ownerId = clean.ownerId() == null ? me.id() : clean.ownerId();
        Checks.throwIfAny(problems(clean, null, ownerId, null));
        long id = customers.insert(clean, ownerId, me.id(), java.time.OffsetDateTime.now(clock));
        Customer created = customers.findById(scope, id).orElseThrow();
        events.publishEvent(new CustomerCreated(java.util.UUID.randomUUID(), clock.instant(), id, me.id(),
                created.name(), created.ownerId(), created.ownerName(), created.creditCode()));
        return created;
    }

    @Transactional
    public Customer update(long id, int version, CustomerDraft draft) {
        VisibleScope scope = users.visibleScope();
        Customer current = customers.findById(scope, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
        CustomerDraft clean = CustomerRules.normalized(draft);
        // a customer without an owner (in the pool) stays without one unless an owner is named
        Long ownerId = clean.ownerId() != null ? clean.ownerId() : current.ownerId();
        Checks.throwIfAny(problems(clean, id, ownerId, current.ownerId()));
        if (!customers.update(id, version, clean, ownerId, users.current().id())) {
            throw new StaleVersionException(ENTITY, id);
        }
        if (!Objects.equals(ownerId, current.ownerId())) {
            // protection starts again for a new owner
            customers.ownedSince(id, java.time.OffsetDateTime.now(clock));
        }
        return customers.findById(VisibleScope.everything(scope.userId()), id).orElseThrow();
    }

    public List<Contact> contacts(long customerId) {
        get(customerId);
        return customers.contactsOf(users.visibleScope(), customerId);
    }

    /** The contacts of every customer the caller sees, in id order, narrowed for an integration's sync. */
    public dev.funnel.platform.PageResult<Contact> contacts(dev.funnel.platform.SyncWindow window,
                                                            dev.funnel.platform.PageRequest page) {
        VisibleScope scope = users.visibleScope();
        return new dev.funnel.platform.PageResult<>(customers.contacts(scope, window, page.offset(), page.limit()),
                customers.countContacts(scope, window), page.page(), page.size());
    }

    public Contact contact(long id) {
        return customers.contact(users.visibleScope(), id).orElseThrow(() -> new NotFoundException("contact", id));
    }

    /** Replaces a contact's fields; 409 when the version is stale. */
    @Transactional
    public Contact updateContact(long id, int version, ContactDraft draft) {
        contact(id);
        Checks.throwIfAny(CustomerRules.contactProblems(draft));
        if (!customers.updateContact(id, version, draft, users.current().id())) {
            throw new StaleVersionException("contact", id);
        }
        return contact(id);
    }

    /**
     * Whether the contact belongs to the customer. It answers for customers the caller may not see too, since
     * it reveals nothing but the yes or no to a caller who already holds both ids of a record they may see.
     */
    public boolean hasContact(long customerId, long contactId) {
        return customers.contactBelongs(customerId, contactId);
    }

    @Transactional
    public Contact addContact(long customerId, ContactDraft draft) {
        get(customerId);
        Checks.throwIfAny(CustomerRules.contactProblems(draft));
        long id = customers.insertContact(customerId, draft, users.current().id());
        return customers.contactsOf(users.visibleScope(), customerId).stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow();
    }

    /**
     * Visible customers by name, compared as the duplicate check compares them; a name that matches several
     * customers maps to all of them, so that the caller can report it as ambiguous.
     */
    public Map<String, List<Long>> idsByName(Collection<String> names) {
        Map<String, List<String>> namesByNormalized = new HashMap<>();
        for (String name : names) {
            String normalized = CompanyNames.normalize(name);
            if (normalized != null) {
                namesByNormalized.computeIfAbsent(normalized, n -> new ArrayList<>()).add(name);
            }
        }
        Map<String, List<Long>> result = new HashMap<>();
        VisibleScope scope = users.visibleScope();
        customers.idsByNormalizedName(scope, namesByNormalized.keySet()).forEach((normalized, ids) ->
                namesByNormalized.get(normalized).forEach(name -> result.put(name, ids)));
        return result;
    }

    private List<FieldProblem> problems(CustomerDraft draft, Long id, Long ownerId, Long previousOwnerId) {
        List<FieldProblem> problems = new ArrayList<>(CustomerRules.fieldProblems(draft, ownerId,
                previousOwnerId, users::canAssignTo, LocalDate.now(clock)));
        String code = draft.creditCode();
        if (code != null && CreditCode.isValid(code) && customers.creditCodeTaken(code, id)) {
            problems.add(FieldProblem.of("creditCode", "validation.credit-code.taken"));
        }
        if (draft.parentId() != null) {
            boolean visible = customers.findById(users.visibleScope(), draft.parentId()).isPresent();
            if (!visible) {
                problems.add(FieldProblem.of("parentId", "validation.unknown"));
            } else if (id != null && customers.isAncestorOrSelf(id, draft.parentId())) {
                problems.add(FieldProblem.of("parentId", "validation.parent.cycle"));
            }
        }
        return problems;
    }

}
