package dev.funnel.importexport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a file can hold; the API and mappings spell each in lower case ({@code opportunities}). */
public enum ImportEntity {
    USERS,
    CUSTOMERS,
    CONTACTS,
    PRODUCTS,
    OPPORTUNITIES,
    TARGETS,
    EXCHANGE_RATES;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportEntity> fromKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key().equalsIgnoreCase(key == null ? "" : key.trim()))
                .findFirst();
    }
}
