package dev.funnel.importexport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a file's columns become Funnel's fields.
 *
 * @param columns     file column (its header) to field name; a column left out is ignored
 * @param values      per field, file value to the value Funnel uses, for example a stage {@code "Won" -> "WON"}
 *                    or a misspelt product {@code "GTXPro" -> "GTX Pro"}
 * @param defaults    per field, the value used where the column is not mapped or the cell is empty
 * @param dateFormats the date patterns to try, in order ({@code yyyy-MM-dd}, {@code M/d/yyyy}, {@code yyyy});
 *                    empty means ISO dates ({@code yyyy-MM-dd}) and {@code yyyy/M/d}
 */
public record ImportMapping(Map<String, String> columns, Map<String, Map<String, String>> values,
                            Map<String, String> defaults, List<String> dateFormats) {

    public ImportMapping {
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        values = values == null ? Map.of() : Map.copyOf(values);
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        dateFormats = dateFormats == null ? List.of() : List.copyOf(dateFormats);
    }

    public static ImportMapping of(Map<String, String> columns) {
        return new ImportMapping(columns, null, null, null);
    }
}
