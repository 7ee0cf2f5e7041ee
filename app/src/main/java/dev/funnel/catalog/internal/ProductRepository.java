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

    public List<Product> find(boolean includeInactive, dev.funnel.platform.SyncWindow window, long offset, int limit) {
        return db.selectFrom(PRODUCT).where(listed(includeInactive, window)).orderBy(PRODUCT.ID)
                .offset(offset).limit(limit)
                .fetch(r -> new Product(r.getId(), r.getCode(), r.getName(), r.getUnitPrice(), r.getCurrency(),
                        r.getActive(), r.getVersion(), r.getCategory()));
    }

    public long count(boolean includeInactive, dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(PRODUCT, listed(includeInactive, window));
    }

    private static org.jooq.Condition listed(boolean includeInactive, dev.funnel.platform.SyncWindow window) {
        org.jooq.Condition condition = includeInactive ? org.jooq.impl.DSL.noCondition() : PRODUCT.ACTIVE.isTrue();
        return condition.and(window.holds(PRODUCT.UPDATED_AT, PRODUCT.ID));
    }

    /** False when the version is stale. */
    public boolean update(long id, int version, ProductDraft draft, boolean active, long actorId) {
        return db.update(PRODUCT)
                .set(fields(draft))
                .set(PRODUCT.ACTIVE, active)
                .set(PRODUCT.VERSION, PRODUCT.VERSION.plus(1))
                .set(PRODUCT.UPDATED_BY, actorId)
                .where(PRODUCT.ID.eq(id)).and(PRODUCT.VERSION.eq(version))
                .execute() == 1;
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
                .set(fields(draft))
                .set(PRODUCT.CREATED_BY, actorId)
                .set(PRODUCT.UPDATED_BY, actorId)
                .returning(PRODUCT.ID).fetchOne(PRODUCT.ID);
    }

    /** What a product's draft sets, as an insert and an update both write it. */
    private static java.util.Map<org.jooq.Field<?>, Object> fields(ProductDraft draft) {
        java.util.Map<org.jooq.Field<?>, Object> fields = new java.util.LinkedHashMap<>();
        fields.put(PRODUCT.CODE, draft.code().trim());
        fields.put(PRODUCT.NAME, draft.name().trim());
        fields.put(PRODUCT.UNIT_PRICE, draft.unitPrice());
        fields.put(PRODUCT.CURRENCY, draft.currency());
        fields.put(PRODUCT.CATEGORY, draft.category() == null || draft.category().isBlank() ? null
                : draft.category().trim());
        return fields;
    }
}
