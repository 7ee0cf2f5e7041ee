package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY_LINE;
import static dev.funnel.jooq.Tables.PRODUCT;

import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.OpportunityLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The product lines of opportunities. */
@Repository
public class LineRepository {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final DSLContext db;

    LineRepository(DSLContext db) {
        this.db = db;
    }

    /** A line to store, with the price already resolved. */
    public record Line(long productId, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {

        public BigDecimal total() {
            return lineTotal(quantity, unitPrice, discountPercent);
        }
    }

    public static BigDecimal lineTotal(BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
        BigDecimal factor = HUNDRED.subtract(discountPercent).divide(HUNDRED, 6, RoundingMode.HALF_UP);
        return quantity.multiply(unitPrice).multiply(factor).setScale(2, RoundingMode.HALF_UP);
    }

    public List<OpportunityLine> forOpportunity(VisibleScope scope, long opportunityId) {
        return db.select(OPPORTUNITY_LINE.ID, OPPORTUNITY_LINE.PRODUCT_ID, PRODUCT.CODE, PRODUCT.NAME,
                        OPPORTUNITY_LINE.QUANTITY, OPPORTUNITY_LINE.UNIT_PRICE, OPPORTUNITY_LINE.DISCOUNT_PERCENT)
                .from(OPPORTUNITY_LINE).join(PRODUCT).on(PRODUCT.ID.eq(OPPORTUNITY_LINE.PRODUCT_ID))
                .where(OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(opportunityId))
                .and(DealScope.visibleDeal(scope, OPPORTUNITY_LINE.OPPORTUNITY_ID))
                .orderBy(OPPORTUNITY_LINE.ID)
                .fetch(r -> new OpportunityLine(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), lineTotal(r.value5(), r.value6(), r.value7())));
    }

    /** Replaces all lines of the opportunity. */
    public void replace(long opportunityId, List<Line> lines, long actorId) {
        db.deleteFrom(OPPORTUNITY_LINE).where(OPPORTUNITY_LINE.OPPORTUNITY_ID.eq(opportunityId)).execute();
        for (Line line : lines) {
            db.insertInto(OPPORTUNITY_LINE)
                    .set(OPPORTUNITY_LINE.OPPORTUNITY_ID, opportunityId)
                    .set(OPPORTUNITY_LINE.PRODUCT_ID, line.productId())
                    .set(OPPORTUNITY_LINE.QUANTITY, line.quantity())
                    .set(OPPORTUNITY_LINE.UNIT_PRICE, line.unitPrice())
                    .set(OPPORTUNITY_LINE.DISCOUNT_PERCENT, line.discountPercent())
                    .set(OPPORTUNITY_LINE.CREATED_BY, actorId)
                    .set(OPPORTUNITY_LINE.UPDATED_BY, actorId)
                    .execute();
        }
    }

    /** The sum of the lines, or null when there are none (the amount is then entered by hand). */
    public BigDecimal total(VisibleScope scope, long opportunityId) {
        List<OpportunityLine> lines = forOpportunity(scope, opportunityId);
        return lines.isEmpty() ? null : lines.stream().map(OpportunityLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
