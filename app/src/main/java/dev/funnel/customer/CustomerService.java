package dev.funnel.customer;

import dev.funnel.customer.internal.CustomerRepository;
import dev.funnel.identity.CurrentUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.StaleVersionException;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers and their contacts. A user reads and changes only the customers they may see; someone else's
 * customer is 'not found', never 'forbidden', so nothing leaks.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class CustomerService {

    static final String ENTITY = "customer";

    private final CustomerRepository customers;
    private final UserService users;

    CustomerService(CustomerRepository customers, UserService users) {
        this.customers = customers;
        this.users = users;
    }

    public PageResult<Customer> list(CustomerFilter filter, PageRequest page) {
        VisibleScope scope = users.visibleScope();
        return new PageResult<>(customers.find(scope, filter, page), customers.count(scope, filter), page.page(),
                page.size());
    }

    public long count(CustomerFilter filter) {
        return customers.count(users.visibleScope(), filter);
    }

    public Customer get(long id) {
        return customers.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    @Transactional
    public Customer create(CustomerDraft draft) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        CustomerDraft clean = normalized(draft);
        long ownerId = clean.ownerId() == null ? me.id() : clean.ownerId();
        validate(clean, null, ownerId, null);
        long id = customers.insert(clean, ownerId, me.id());
        return customers.findById(scope, id).orElseThrow();
    }

    @Transactional
    public Customer update(long id, int version, CustomerDraft draft) {
        VisibleScope scope = users.visibleScope();
        Customer current = customers.findById(scope, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
        CustomerDraft clean = normalized(draft);
        // a customer without an owner (in the pool) stays without one unless an owner is named
        Long ownerId = clean.ownerId() != null ? clean.ownerId() : current.ownerId();
        validate(clean, id, ownerId, current.ownerId());
        if (!customers.update(id, version, clean, ownerId, users.current().id())) {
            throw new StaleVersionException(ENTITY, id);
        }
        return customers.findById(VisibleScope.everything(scope.userId()), id).orElseThrow();
    }

    public List<Contact> contacts(long customerId) {
        get(customerId);
        return customers.contactsOf(customerId);
    }

    /**
     * Whether the contact belongs to the customer. It answers for customers the caller may not see too, since
     * it reveals nothing but the yes or no to a caller who already holds both ids of a record they may see.
     */
    public boolean hasContact(long customerId, long contactId) {
        return customers.contactsOf(customerId).stream().anyMatch(c -> c.id() == contactId);
    }

    @Transactional
    public Contact addContact(long customerId, ContactDraft draft) {
        get(customerId);
        Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 100)
                .maxLength("title", draft.title(), 100)
                .maxLength("phone", draft.phone(), 40)
                .email("email", draft.email())
                .maxLength("email", draft.email(), 254)
                .orThrow();
        long id = customers.insertContact(customerId, draft, users.current().id());
        return customers.contactsOf(customerId).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    private static CustomerDraft normalized(CustomerDraft draft) {
        return new CustomerDraft(draft.name(), CreditCode.normalize(draft.creditCode()), draft.industry(),
                draft.city(), draft.address(), draft.website(), draft.phone(), draft.ownerId(), draft.notes());
    }

    private void validate(CustomerDraft draft, Long id, Long ownerId, Long previousOwnerId) {
        String code = draft.creditCode() == null || draft.creditCode().isEmpty() ? null : draft.creditCode();
        Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 200)
                .rule(code == null || CreditCode.isValid(code), "creditCode", "validation.credit-code")
                .rule(code == null || !CreditCode.isValid(code) || !customers.creditCodeTaken(code, id),
                        "creditCode", "validation.credit-code.taken")
                .maxLength("industry", draft.industry(), 60)
                .maxLength("city", draft.city(), 60)
                .maxLength("address", draft.address(), 300)
                .maxLength("website", draft.website(), 200)
                .maxLength("phone", draft.phone(), 40)
                .rule(ownerId == null || ownerId.equals(previousOwnerId) || users.canAssignTo(ownerId), "ownerId",
                        "validation.owner.not-assignable")
                .orThrow();
    }
}
