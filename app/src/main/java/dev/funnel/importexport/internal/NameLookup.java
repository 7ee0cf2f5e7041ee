package dev.funnel.importexport.internal;

import java.util.List;
import java.util.Map;

/** Resolves a name a row gives to one id, recording an error when it names no one or several. */
final class NameLookup {

    private NameLookup() {
    }

    static Long resolve(RowReader row, String field, Map<String, List<Long>> ids, String unknownKey) {
        String name = row.text(field);
        if (name == null) {
            return null;
        }
        List<Long> found = ids.get(name);
        if (found == null || found.isEmpty()) {
            row.error(field, unknownKey, name);
            return null;
        }
        if (found.size() > 1) {
            row.error(field, "validation.ambiguous-name", name);
            return null;
        }
        return found.get(0);
    }
}
