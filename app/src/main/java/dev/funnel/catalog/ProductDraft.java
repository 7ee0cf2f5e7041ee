package dev.funnel.catalog;

import java.math.BigDecimal;

/** What an administrator enters to add a product. */
public record ProductDraft(String code, String name, BigDecimal unitPrice, String currency) {
}
