package dev.funnel.catalog;

import dev.funnel.catalog.internal.ProductRepository;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The product catalogue: everyone reads it, administrators maintain it. */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class ProductService {

    private final ProductRepository products;
    private final UserService users;

    private final dev.funnel.audit.AuditLog audit;

    ProductService(ProductRepository products, UserService users,
            dev.funnel.audit.AuditLog audit) {
        this.audit = audit;
        this.products = products;
        this.users = users;
    }

    public List<Product> listActive() {
        return products.findActive();
    }

    /** The catalogue in id order, the inactive products too when asked, for an integration's sync. */
    public dev.funnel.platform.PageResult<Product> list(boolean includeInactive, dev.funnel.platform.SyncWindow window,
                                                        dev.funnel.platform.PageRequest page) {
        return new dev.funnel.platform.PageResult<>(products.find(includeInactive, window, page.offset(), page.limit()),
                products.count(includeInactive, window), page.page(), page.size());
    }

    public Product get(long id) {
        return products.findById(id).orElseThrow(() -> new dev.funnel.platform.NotFoundException("product", id));
    }

    public java.util.Optional<Product> find(long id) {
        return products.findById(id);
    }

    /** Products by code or name, ignoring case; a name that fits several maps to all of them. */
    public java.util.Map<String, List<Long>> idsByName(java.util.Collection<String> names) {
        return products.idsByName(names);
    }

    /** Checks products to import: each as if entered alone, and no code or name twice or already taken. */
    @RolesAllowed(Role.Names.ADMIN)
    public List<dev.funnel.platform.RowProblem> checkImport(List<ProductImport> rows) {
        List<dev.funnel.platform.RowProblem> problems = new java.util.ArrayList<>();
        java.util.Map<String, Integer> lineByCode = new java.util.HashMap<>();
        java.util.Map<String, Integer> lineByName = new java.util.HashMap<>();
        List<String> codes = codes(rows);
        for (int i = 0; i < rows.size(); i++) {
            ProductDraft draft = rows.get(i).draft();
            String code = codes.get(i);
            Checks checks = checks(new ProductDraft(code, draft.name(), draft.unitPrice(), draft.currency(),
                    draft.category()), null);
            Integer sameCode = lineByCode.putIfAbsent(code.toLowerCase(java.util.Locale.ROOT), rows.get(i).line());
            checks.rule(sameCode == null, "code", "validation.duplicate.row", sameCode);
            if (draft.name() != null && !draft.name().isBlank()) {
                Integer sameName = lineByName.putIfAbsent(draft.name().trim().toLowerCase(java.util.Locale.ROOT),
                        rows.get(i).line());
                checks.rule(sameName == null, "name", "validation.duplicate.row", sameName)
                        .rule(!products.nameTaken(draft.name()), "name", "validation.name.taken");
            }
            int index = i;
            checks.problems().forEach(p -> problems.add(new dev.funnel.platform.RowProblem(index, p)));
        }
        return problems;
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public int importAll(List<ProductImport> rows) {
        long actor = users.current().id();
        List<String> codes = codes(rows);
        for (int i = 0; i < rows.size(); i++) {
            ProductDraft d = rows.get(i).draft();
            products.insert(new ProductDraft(codes.get(i), d.name(), d.unitPrice(), d.currency(), d.category()), actor);
        }
        return rows.size();
    }

    /** The code of each row: the given one, or one made from the name ('GTX Pro' becomes GTX-PRO). */
    private List<String> codes(List<ProductImport> rows) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        rows.stream().map(r -> r.draft().code()).filter(c -> c != null && !c.isBlank())
                .forEach(c -> taken.add(c.trim().toUpperCase(java.util.Locale.ROOT)));
        List<String> result = new java.util.ArrayList<>();
        for (ProductImport row : rows) {
            String code = row.draft().code();
            if (code == null || code.isBlank()) {
                String base = row.draft().name() == null ? "" : row.draft().name().trim()
                        .toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-+|-+$", "");
                base = base.isEmpty() ? "P" : base.length() > 36 ? base.substring(0, 36) : base;
                code = base;
                for (int n = 2; taken.contains(code) || products.codeTaken(code); n++) {
                    code = base + "-" + n;
                }
                taken.add(code);
            }
            result.add(code.trim());
        }
        return result;
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Product create(ProductDraft draft) {
        checks(draft, null).orThrow();
        long id = products.insert(draft, users.current().id());
        audit.record("settings.products", "product", id, "created: " + draft.code() + " " + draft.name());
        return get(id);
    }

    /**
     * Replaces a product's fields; {@code active} false archives it (it leaves the pickers, deals keep it), true
     * brings it back, null leaves it as it is. Its code may stay its own.
     */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Product update(long id, int version, ProductDraft draft, Boolean activeOrUnchanged) {
        Product current = get(id);
        boolean active = activeOrUnchanged == null ? current.active() : activeOrUnchanged;
        checks(draft, current.code()).orThrow();
        if (!products.update(id, version, draft, active, users.current().id())) {
            throw new dev.funnel.platform.StaleVersionException("product", id);
        }
        audit.record("settings.products", "product", id, (active ? "updated: " : "archived: ") + draft.code().trim()
                + " " + draft.name().trim());
        return get(id);
    }

    /** {@code ownCode}: the code the product being replaced has, which it may keep. */
    private Checks checks(ProductDraft draft, String ownCode) {
        return Checks.start()
                .required("code", draft.code())
                .maxLength("code", draft.code(), 40)
                .rule(draft.code() == null || draft.code().trim().equalsIgnoreCase(ownCode)
                        || !products.codeTaken(draft.code().trim()), "code", "validation.code.taken")
                .required("name", draft.name())
                .maxLength("name", draft.name(), 200)
                .money("unitPrice", draft.unitPrice())
                .required("currency", draft.currency())
                .currency("currency", draft.currency())
                .maxLength("category", draft.category(), 60);
    }
}
