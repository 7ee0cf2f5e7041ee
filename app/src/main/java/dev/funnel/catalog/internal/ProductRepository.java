package dev.funnel.catalog.internal;

import static dev.funnel.jooq.Tables.PRODUCT;

import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductDraft;
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
                        r.getActive(), r.getVersion()));
    }

    public java.util.Optional<Product> findById(long id) {
        return db.selectFrom(PRODUCT).where(PRODUCT.ID.eq(id))
                .fetchOptional(r -> new Product(r.getId(), r.getCode(), r.getName(), r.getUnitPrice(), r.getCurrency(),
                        r.getActive(), r.getVersion()));
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
                .set(PRODUCT.CREATED_BY, actorId)
                .set(PRODUCT.UPDATED_BY, actorId)
                .returning(PRODUCT.ID).fetchOne(PRODUCT.ID);
    }
}
