package dev.funnel.catalog.internal;

import static dev.funnel.jooq.Tables.PRODUCT;

import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductDraft;
import dev.funnel.platform.NameMatches;
import java.util.List;
import org.springframework.stereotype.Repository;
import org.jooq.DSLContext;

@Repository
public class ProductRepository {

    private final DSLContext db;

    ProductRepository(DSLContext db) {
        this.db = db;
    }

    public List<Product> findActive() {
        return db.selectFrom(PRODUCT).where(PRODUCT.ACTIVE).orderBy(PRODUCT.NAME)
                .fetch(r -> new Product(r.getId(), r.getCode(), r.getName(), r.getUnitPrice(), r.getCurrency(),
                        r.getActive(), r.getVersion(), r.getCategory()));
    }

    public java.util.Optional<Product> findById(long id) {
        return db.selectFrom(PRODUCT).where(PRODUCT.ID.eq(id))
                .fetchOptional(r -> new Product(r.getId(), r.getCode(), r.getName(), r.getUnitPrice(), r.getCurrency(),
                        r.getActive(), r.getVersion(), r.getCategory()));
    }

    /** Products by code or name (ignoring case), active or not, for resolving the names an import gives. */
    public java.util.Map<String, List<Long>> idsByName(java.util.Collection<String> names) {
        List<String> lower = NameMatches.lowered(names);
        return NameMatches.match(names, db.select(PRODUCT.ID, PRODUCT.CODE, PRODUCT.NAME).from(PRODUCT)
                .where(org.jooq.impl.DSL.lower(PRODUCT.CODE).in(lower)
                        .or(org.jooq.impl.DSL.lower(PRODUCT.NAME).in(lower)))
                .orderBy(PRODUCT.ID)
                .fetch(r -> new NameMatches.Candidate(r.value1(), r.value2(), r.value3())));
    }

    public boolean nameTaken(String name) {
        return db.fetchExists(PRODUCT, PRODUCT.NAME.equalIgnoreCase(name.trim()));
    }

    public boolean codeTaken(String code) {
        return db.fetchExists(PRODUCT, PRODUCT.CODE.equalIgnoreCase(code));
    }

    public long insert(ProductDraft draft, long actorId) {
        return db.insertInto(PRODUCT)
                .set(PRODUCT.CODE, draft.code().trim())
                .set(PRODUCT.NAME, draft.name().trim())
                .set(PRODUCT.UNIT_PRICE, draft.unitPrice())
                .set(PRODUCT.CURRENCY, draft.currency())
                .set(PRODUCT.CATEGORY, draft.category() == null || draft.category().isBlank() ? null
                        : draft.category().trim())
                .set(PRODUCT.CREATED_BY, actorId)
                .set(PRODUCT.UPDATED_BY, actorId)
                .returning(PRODUCT.ID).fetchOne(PRODUCT.ID);
    }
}
