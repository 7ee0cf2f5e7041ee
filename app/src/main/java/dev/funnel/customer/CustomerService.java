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
    private static final int MAX_TAGS = 20;
    private static final int CHUNK = 1000;

    private final CustomerRepository customers;
    private final DuplicateRepository duplicates;
    private final UserService users;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    CustomerService(CustomerRepository customers, DuplicateRepository duplicates, UserService users, Clock clock,
                    ApplicationEventPublisher events) {
        this.events = events;
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

    /** Any customer whose name contains the text, with its owner, for filing a registration request. */
    public List<CustomerSummary> lookup(String text) {
        return text == null || text.isBlank() ? List.of() : duplicates.lookup(text.trim());
    }

    public Customer get(long id) {
        return customers.findById(users.visibleScope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
    }

    /**
     * Existing customers that look like this one: the same credit code (which blocks saving), the same name once
     * legal form, width, punctuation and case are set aside, or the same phone or e-mail on it or its contacts.
     */
    public List<DuplicateCandidate> findDuplicates(CustomerDraft draft, Long exceptId) {
        String code = blankToNull(CreditCode.normalize(draft.creditCode()));
        Set<String> phones = new HashSet<>();
        addPhoneDigits(phones, draft.phone());
        Set<String> emails = new HashSet<>();
        if (draft.email() != null && !draft.email().isBlank()) {
            emails.add(draft.email().trim().toLowerCase(Locale.ROOT));
        }
        return duplicates.find(code, CompanyNames.normalize(draft.name()), phones, emails, exceptId);
    }

    @Transactional
    public Customer create(CustomerDraft draft) {
        CurrentUser me = users.current();
        VisibleScope scope = users.visibleScope();
        CustomerDraft clean = normalized(draft);
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
        CustomerDraft clean = normalized(draft);
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
        Checks.throwIfAny(contactProblems(draft));
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

    /**
     * Checks customers to import, each as if entered alone, and against each other: a credit code or name twice
     * in the file, or already in Funnel, is a duplicate; a parent must be a customer or another row.
     */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
    public List<RowProblem> checkImport(List<CustomerImport> rows) {
        List<RowProblem> problems = new ArrayList<>();
        List<CustomerDraft> drafts = rows.stream().map(r -> normalized(r.draft())).toList();
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (CustomerDraft d : drafts) {
            if (d.creditCode() != null) {
                codes.add(d.creditCode());
            }
            names.add(CompanyNames.normalize(d.name()));
        }
        names.remove(null);
        Map<String, ExistingCustomer> existingByCode = new HashMap<>();
        Map<String, ExistingCustomer> existingByName = new HashMap<>();
        for (ExistingCustomer c : duplicates.findAny(codes, names)) {
            if (c.creditCode() != null) {
                existingByCode.putIfAbsent(c.creditCode(), c);
            }
            existingByName.putIfAbsent(c.normalizedName(), c);
        }
        Map<String, DuplicateRepository.ContactPoint> existingByPhone = new HashMap<>();
        Map<String, DuplicateRepository.ContactPoint> existingByEmail = new HashMap<>();
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (CustomerDraft d : drafts) {
            addPhoneDigits(phones, d.phone());
            if (d.email() != null && !d.email().isBlank()) {
                emails.add(d.email().trim().toLowerCase(Locale.ROOT));
            }
        }
        for (DuplicateRepository.ContactPoint point : duplicates.findContactPoints(phones, emails)) {
            if (point.phoneDigits() != null) {
                existingByPhone.putIfAbsent(point.phoneDigits(), point);
            }
            if (point.email() != null) {
                existingByEmail.putIfAbsent(point.email(), point);
            }
        }
        Map<String, Integer> firstRowByPhone = new HashMap<>();
        Map<String, Integer> firstRowByEmail = new HashMap<>();
        Map<String, Integer> firstRowByCode = new HashMap<>();
        Map<String, Integer> firstRowByName = new HashMap<>();
        Map<String, List<Long>> parents = idsByName(rows.stream().map(CustomerImport::parentName)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        Set<String> namesInFile = drafts.stream().map(d -> CompanyNames.normalize(d.name())).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Predicate<Long> assignable = memo(users::canAssignTo);
        long me = users.current().id();
        for (int i = 0; i < drafts.size(); i++) {
            CustomerDraft d = drafts.get(i);
            CustomerImport row = rows.get(i);
            int index = i;
            Long ownerId = row.inPool() ? null : d.ownerId() == null ? me : d.ownerId();
            List<FieldProblem> rowProblems = new ArrayList<>(fieldProblems(d, ownerId, null, assignable));
            rowProblems.addAll(importDateProblems(row, d));
            String code = d.creditCode();
            String name = CompanyNames.normalize(d.name());
            if (code != null && CreditCode.isValid(code)) {
                ExistingCustomer existing = existingByCode.get(code);
                if (existing != null) {
                    rowProblems.add(FieldProblem.of("creditCode", "validation.duplicate.existing", existing.name(),
                            existing.ownerName() == null ? "-" : existing.ownerName()));
                }
                Integer earlier = firstRowByCode.putIfAbsent(code, rows.get(i).line());
                if (earlier != null) {
                    rowProblems.add(FieldProblem.of("creditCode", "validation.duplicate.row", earlier));
                }
            }
            if (name != null) {
                ExistingCustomer existing = existingByName.get(name);
                if (existing != null) {
                    rowProblems.add(FieldProblem.of("name", "validation.duplicate.existing", existing.name(),
                            existing.ownerName() == null ? "-" : existing.ownerName()));
                }
                Integer earlier = firstRowByName.putIfAbsent(name, rows.get(i).line());
                if (earlier != null) {
                    rowProblems.add(FieldProblem.of("name", "validation.duplicate.row", earlier));
                }
            }
            Set<String> rowPhones = new HashSet<>();
            addPhoneDigits(rowPhones, d.phone());
            for (String digits : rowPhones) {
                contactPointProblem(rowProblems, "phone", existingByPhone.get(digits),
                        firstRowByPhone.putIfAbsent(digits, rows.get(i).line()));
            }
            if (d.email() != null && !d.email().isBlank()) {
                String email = d.email().trim().toLowerCase(Locale.ROOT);
                contactPointProblem(rowProblems, "email", existingByEmail.get(email),
                        firstRowByEmail.putIfAbsent(email, rows.get(i).line()));
            }
            String parent = rows.get(i).parentName();
            if (parent != null && !parent.isBlank()) {
                String parentName = CompanyNames.normalize(parent);
                boolean inFile = namesInFile.contains(parentName) && !Objects.equals(name, parentName);
                List<Long> existing = parents.getOrDefault(parent, List.of());
                if (!inFile && existing.isEmpty()) {
                    rowProblems.add(FieldProblem.of("parent", "validation.unknown-name", parent));
                } else if (!inFile && existing.size() > 1) {
                    rowProblems.add(FieldProblem.of("parent", "validation.ambiguous-name", parent));
                }
            }
            rowProblems.forEach(p -> problems.add(new RowProblem(index, p)));
        }
        return problems;
    }

    /** The dates an import may carry: none in the future, and nobody owned the customer before it existed. */
    private List<FieldProblem> importDateProblems(CustomerImport row, CustomerDraft draft) {
        LocalDate today = LocalDate.now(clock);
        return Checks.start()
                .rule(!row.inPool() || draft.ownerId() == null, "ownerId", "validation.import.pool-owner")
                .rule(row.createdOn() == null || !row.createdOn().isAfter(today), "createdOn",
                        "validation.date.future")
                .rule(row.ownedSince() == null || !row.ownedSince().isAfter(today), "ownedSince",
                        "validation.date.future")
                .rule(row.createdOn() == null || row.ownedSince() == null
                        || !row.ownedSince().isBefore(row.createdOn()), "ownedSince",
                        "validation.import.owned-before-created")
                .problems();
    }

    private static void contactPointProblem(List<FieldProblem> problems, String field,
                                            DuplicateRepository.ContactPoint existing, Integer earlierLine) {
        if (existing != null) {
            problems.add(FieldProblem.of(field, "validation.duplicate.existing", existing.customerName(),
                    existing.ownerName() == null ? "-" : existing.ownerName()));
        } else if (earlierLine != null) {
            problems.add(FieldProblem.of(field, "validation.duplicate.row", earlierLine));
        }
    }

    /**
     * Writes customers that {@link #checkImport} passed; parents named in the file are linked once all exist. A row's
     * dates become the start of that day in the company's time zone.
     */
    @Transactional
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
    public int importAll(List<CustomerImport> rows) {
        long me = users.current().id();
        List<CustomerDraft> drafts = rows.stream().map(r -> normalized(r.draft())).toList();
        Map<String, Long> idByName = new HashMap<>();
        for (int from = 0; from < drafts.size(); from += CHUNK) {
            List<CustomerDraft> chunk = drafts.subList(from, Math.min(drafts.size(), from + CHUNK));
            List<CustomerImport> chunkRows = rows.subList(from, from + chunk.size());
            List<CustomerRepository.Imported> imported = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                CustomerDraft d = chunk.get(i);
                CustomerImport row = chunkRows.get(i);
                imported.add(new CustomerRepository.Imported(d,
                        row.inPool() ? null : d.ownerId() == null ? me : d.ownerId(), startOfDay(row.createdOn()),
                        startOfDay(row.ownedSince())));
            }
            List<Long> ids = customers.insertAll(imported, me);
            for (int i = 0; i < chunk.size(); i++) {
                idByName.put(CompanyNames.normalize(chunk.get(i).name()), ids.get(i));
            }
        }
        Map<String, List<Long>> existing = idsByName(rows.stream().map(CustomerImport::parentName)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        for (CustomerImport row : rows) {
            if (row.parentName() != null && !row.parentName().isBlank()) {
                Long parentId = idByName.get(CompanyNames.normalize(row.parentName()));
                if (parentId == null) {
                    parentId = existing.get(row.parentName()).get(0);
                }
                customers.setParent(idByName.get(CompanyNames.normalize(row.draft().name())), parentId);
            }
        }
        return rows.size();
    }

    /** Checks contacts to import, each as if entered alone. */
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
    public List<RowProblem> checkContactImport(List<ContactImport> rows) {
        List<RowProblem> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int index = i;
            contactProblems(rows.get(i).draft()).forEach(p -> problems.add(new RowProblem(index, p)));
        }
        return problems;
    }

    @Transactional
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
    public int importContacts(List<ContactImport> rows) {
        long me = users.current().id();
        for (List<ContactImport> chunk : chunks(rows)) {
            customers.insertContacts(chunk, me);
        }
        return rows.size();
    }

    private List<FieldProblem> problems(CustomerDraft draft, Long id, Long ownerId, Long previousOwnerId) {
        List<FieldProblem> problems = new ArrayList<>(fieldProblems(draft, ownerId, previousOwnerId,
                users::canAssignTo));
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

    /** The rules of one customer's fields, none of which needs the database beyond the owner. */
    private List<FieldProblem> fieldProblems(CustomerDraft draft, Long ownerId, Long previousOwnerId,
                                             Predicate<Long> assignable) {
        String code = draft.creditCode();
        LocalDate today = LocalDate.now(clock);
        Checks checks = Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 200)
                .rule(code == null || CreditCode.isValid(code), "creditCode", "validation.credit-code")
                .maxLength("legalRepresentative", draft.legalRepresentative(), 100)
                .money("registeredCapital", draft.registeredCapital())
                .currency("capitalCurrency", draft.capitalCurrency())
                .rule(draft.establishedOn() == null || !draft.establishedOn().isAfter(today), "establishedOn",
                        "validation.date.future")
                .maxLength("industry", draft.industry(), 60)
                .rule(draft.employeeCount() == null || draft.employeeCount() >= 0, "employeeCount",
                        "validation.number.negative")
                .maxLength("country", draft.country(), 60)
                .maxLength("city", draft.city(), 60)
                .maxLength("address", draft.address(), 300)
                .maxLength("website", draft.website(), 200)
                .phone("phone", draft.phone())
                .maxLength("phone", draft.phone(), 40)
                .email("email", draft.email())
                .maxLength("email", draft.email(), 254)
                .maxLength("source", draft.source(), 60)
                .rule(draft.tags().size() <= MAX_TAGS, "tags", "validation.tags.too-many", MAX_TAGS)
                .rule(draft.tags().stream().allMatch(t -> t.length() <= 40), "tags", "validation.too-long", 40)
                .rule(ownerId == null || ownerId.equals(previousOwnerId) || assignable.test(ownerId), "ownerId",
                        "validation.owner.not-assignable");
        return checks.problems();
    }

    private static List<FieldProblem> contactProblems(ContactDraft draft) {
        return Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 100)
                .maxLength("title", draft.title(), 100)
                .phone("phone", draft.phone())
                .maxLength("phone", draft.phone(), 40)
                .phone("mobile", draft.mobile())
                .maxLength("mobile", draft.mobile(), 40)
                .email("email", draft.email())
                .maxLength("email", draft.email(), 254)
                .problems();
    }

    private static CustomerDraft normalized(CustomerDraft draft) {
        List<String> tags = draft.tags().stream().map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        return new CustomerDraft(draft.name(), blankToNull(CreditCode.normalize(draft.creditCode())),
                draft.legalRepresentative(), draft.registeredCapital(), draft.capitalCurrency(), draft.establishedOn(),
                draft.industry(), draft.employeeCount(), draft.country(), draft.city(), draft.address(),
                draft.website(), draft.phone(), draft.email(), draft.status(), draft.source(), draft.parentId(), tags,
                draft.ownerId(), draft.notes());
    }

    private java.time.OffsetDateTime startOfDay(LocalDate day) {
        return day == null ? null : day.atStartOfDay(clock.getZone()).toOffsetDateTime();
    }

    private static void addPhoneDigits(Set<String> phones, String phone) {
        if (phone != null) {
            String digits = phone.replaceAll("[^0-9]", "");
            // short numbers (extensions, '110') say nothing about who the company is
            if (digits.length() >= 7) {
                phones.add(digits);
            }
        }
    }

    private static <T> Predicate<T> memo(Predicate<T> predicate) {
        Map<T, Boolean> answers = new HashMap<>();
        return value -> answers.computeIfAbsent(value, predicate::test);
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += CHUNK) {
            chunks.add(items.subList(from, Math.min(items.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
