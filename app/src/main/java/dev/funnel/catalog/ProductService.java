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

    ProductService(ProductRepository products, UserService users) {
        this.products = products;
        this.users = users;
    }

    public List<Product> listActive() {
        return products.findActive();
    }

    public java.util.Optional<Product> find(long id) {
        return products.findById(id);
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Product create(ProductDraft draft) {
        Checks.start()
                .required("code", draft.code())
                .maxLength("code", draft.code(), 40)
                .rule(draft.code() == null || !products.codeTaken(draft.code().trim()), "code", "validation.code.taken")
                .required("name", draft.name())
                .maxLength("name", draft.name(), 200)
                .money("unitPrice", draft.unitPrice())
                .required("currency", draft.currency())
                .currency("currency", draft.currency())
                .orThrow();
        long id = products.insert(draft, users.current().id());
        return products.findActive().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }
}
