package dev.funnel.customer;

import dev.funnel.identity.VisibleScope;
import dev.funnel.customer.internal.CustomerRepository;
import dev.funnel.customer.internal.PoolReleases;
import dev.funnel.customer.internal.PoolRepository;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer pool (公海): customers nobody owns, which any rep may claim, up to a daily limit; and the rule that
 * returns a customer to it when its owner has let it lapse. Every release and claim is recorded.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class CustomerPoolService {

    private final PoolRepository pool;
    private final PoolReleases releases;
    private final CustomerRepository customers;
    private final dev.funnel.customer.internal.DuplicateRepository customerSummaries;
    private final UserService users;
    private final Clock clock;

    private final dev.funnel.audit.AuditLog audit;

    CustomerPoolService(PoolRepository pool, PoolReleases releases, CustomerRepository customers,
                        dev.funnel.customer.internal.DuplicateRepository customerSummaries, UserService users,
                        Clock clock,
            dev.funnel.audit.AuditLog audit) {
        this.audit = audit;
        this.customerSummaries = customerSummaries;
        this.pool = pool;
        this.releases = releases;
        this.customers = customers;
        this.users = users;
        this.clock = clock;
    }

    /** The customers in the pool, by name or credit code; everyone may see them. */
    public PageResult<Customer> list(String text, PageRequest page) {
        CustomerFilter filter = new CustomerFilter(text, null);
        return new PageResult<>(customers.findPool(filter, page), customers.countPool(filter), page.page(),
                page.size());
    }

    /** Takes a customer from the pool for the signed-in rep. */
    @Transactional
    public Customer claim(long customerId) {
        long me = users.current().id();
        PoolSettings settings = pool.settings();
        OffsetDateTime startOfDay = LocalDate.now(clock).atStartOfDay(clock.getZone()).toOffsetDateTime();
        Checks.start().rule(pool.claimsSince(me, startOfDay) < settings.claimsPerDay(), "customerId",
                "validation.pool.limit", settings.claimsPerDay()).orThrow();
        CustomerSummary customer = customerSummaries.summary(customerId)
                .orElseThrow(() -> new NotFoundException(CustomerService.ENTITY, customerId));
        if (!pool.claim(customerId, me, OffsetDateTime.now(clock))) {
            // someone else's customer, not in the pool: named only to those who may see it
            if (customer.ownerId() != null && !users.visibleScope().canSee(customer.ownerId())) {
                throw new NotFoundException(CustomerService.ENTITY, customerId);
            }
            throw dev.funnel.platform.InvalidInputException.of("customerId", "validation.pool.taken",
                    customer.ownerName() == null ? "-" : customer.ownerName());
        }
        return customers.findById(dev.funnel.identity.VisibleScope.everything(me), customerId).orElseThrow();
    }

    /** Who owned the customer and when it went to the pool or was claimed, newest first. */
    public List<OwnershipEvent> history(long customerId) {
        CustomerSummary customer = customerSummaries.summary(customerId)
                .orElseThrow(() -> new NotFoundException(CustomerService.ENTITY, customerId));
        VisibleScope scope = users.visibleScope();
        if (customer.ownerId() != null && !scope.canSee(customer.ownerId())) {
            throw new NotFoundException(CustomerService.ENTITY, customerId);
        }
        return pool.history(scope, customerId);
    }

    public PoolSettings settings() {
        return pool.settings();
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public PoolSettings updateSettings(PoolSettings settings) {
        Checks.start()
                .rule(settings.protectionDays() >= 1 && settings.protectionDays() <= 3650, "protectionDays",
                        "validation.range", 1, 3650)
                .rule(settings.claimsPerDay() >= 1 && settings.claimsPerDay() <= 1000, "claimsPerDay",
                        "validation.range", 1, 1000)
                .orThrow();
        pool.saveSettings(settings);
        audit.record("settings.pool", "pool", null, "protection " + settings.protectionDays() + " days, "
                + settings.claimsPerDay() + " claims a day");
        return pool.settings();
    }

    /** Returns every lapsed customer to the pool now, as the nightly run does; answers how many. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public int releaseLapsed() {
        return releases.run(users.current().id());
    }
}
