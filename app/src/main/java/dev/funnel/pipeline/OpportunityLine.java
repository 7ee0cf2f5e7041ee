package dev.funnel.pipeline;

import java.math.BigDecimal;

/** A product on an opportunity: quantity × unit price less the discount, in the opportunity's currency. */
public record OpportunityLine(long id, long productId, String productCode, String productName, BigDecimal quantity,
                              BigDecimal unitPrice, BigDecimal discountPercent, BigDecimal total) {
}
