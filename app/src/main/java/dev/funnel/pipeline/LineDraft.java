package dev.funnel.pipeline;

import java.math.BigDecimal;

/** A product line as entered; a null unit price takes the catalogue's, a null discount is none. */
public record LineDraft(Long productId, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
}
