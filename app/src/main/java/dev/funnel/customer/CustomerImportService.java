package dev.funnel.customer;

import dev.funnel.customer.internal.CustomerRepository;
import dev.funnel.customer.internal.DuplicateRepository;
import dev.funnel.customer.internal.ExistingCustomer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.RowProblem;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Importing customers and contacts: each row is checked as if entered alone (the same {@link CustomerRules}),
 * against the others in the file and against Funnel (duplicates by credit code, name, phone and e-mail, across
 * every owner), then written in batches. Administrators and sales managers may import.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class CustomerImportService {

    private static final int CHUNK = 1000;

    private final CustomerRepository customers;
    private final DuplicateRepository duplicates;
    private final CustomerService customerService;
    private final UserService users;
    private final Clock clock;

    CustomerImportService(CustomerRepository customers, DuplicateRepository duplicates,
                          CustomerService customerService, UserService users, Clock clock) {
        this.customers = customers;
        this.duplicates = duplicates;
        this.customerService = customerService;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Checks customers to import, each as if entered alone, and against each other: a credit code or name twice
     * in the file, or already in Funnel, is a duplicate; a parent must be a customer or another row.
     */
    public List<RowProblem> checkImport(List<CustomerImport> rows) {
        List<RowProblem> problems = new ArrayList<>();
        List<CustomerDraft> drafts = rows.stream().map(r -> CustomerRules.normalized(r.draft())).toList();
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
            CustomerRules.addPhoneDigits(phones, d.phone());
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
        Map<String, List<Long>> parents = customerService.idsByName(rows.stream().map(CustomerImport::parentName)
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
            List<FieldProblem> rowProblems = new ArrayList<>(CustomerRules.fieldProblems(d, ownerId, null,
                    assignable, LocalDate.now(clock)));
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
            CustomerRules.addPhoneDigits(rowPhones, d.phone());
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
    public int importAll(List<CustomerImport> rows) {
        long me = users.current().id();
        List<CustomerDraft> drafts = rows.stream().map(r -> CustomerRules.normalized(r.draft())).toList();
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
        Map<String, List<Long>> existing = customerService.idsByName(rows.stream().map(CustomerImport::parentName)
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
    public List<RowProblem> checkContactImport(List<ContactImport> rows) {
        List<RowProblem> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int index = i;
            CustomerRules.contactProblems(rows.get(i).draft()).forEach(p -> problems.add(new RowProblem(index, p)));
        }
        return problems;
    }

    @Transactional
    public int importContacts(List<ContactImport> rows) {
        long me = users.current().id();
        for (List<ContactImport> chunk : chunks(rows)) {
            customers.insertContacts(chunk, me);
        }
        return rows.size();
    }

    private java.time.OffsetDateTime startOfDay(LocalDate day) {
        return day == null ? null : day.atStartOfDay(clock.getZone()).toOffsetDateTime();
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
}
