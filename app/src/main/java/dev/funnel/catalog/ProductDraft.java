package dev.funnel.catalog;

import java.math.BigDecimal;

/** What an administrator enters to add a product; the category groups products (a series, a line). */
public record ProductDraft(String code, String name, BigDecimal unitPrice, String currency, String category) {

    public ProductDraft(String code, String name, BigDecimal unitPrice, String currency) {
        this(code, name, unitPrice, currency, null);
    }
}
