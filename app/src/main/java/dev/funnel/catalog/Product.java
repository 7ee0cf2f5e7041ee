package dev.funnel.catalog;

import java.math.BigDecimal;

/** A product or service in the catalogue; the unit price is exact, in its ISO currency. */
public record Product(long id, String code, String name, BigDecimal unitPrice, String currency, boolean active,
                      int version, String category) {
}
