package dev.funnel.importexport;

import java.util.Arrays;
import java.util.Optional;

/** Whether one bad row stops the whole import (the default) or only itself. */
public enum ImportMode {
    /** All rows or none: any error rejects the file and nothing is written. */
    ALL("all"),
    /** The valid rows are written; the others are reported. Only when the user explicitly asks for it. */
    VALID_ONLY("valid-only");

    private final String key;

    ImportMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<ImportMode> fromKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of(ALL);
        }
        return Arrays.stream(values()).filter(m -> m.key.equalsIgnoreCase(key.trim())).findFirst();
    }
}
