package dev.funnel.importexport.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The mapping's parts beyond the columns (values, defaults, date formats), as the JSON the API takes. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String rest(ImportMapping mapping) {
        Map<String, Object> rest = new LinkedHashMap<>();
        if (!mapping.values().isEmpty()) {
            rest.put("values", mapping.values());
        }
        if (!mapping.defaults().isEmpty()) {
            rest.put("defaults", mapping.defaults());
        }
        if (!mapping.dateFormats().isEmpty()) {
            rest.put("dateFormats", mapping.dateFormats());
        }
        try {
            return rest.isEmpty() ? "" : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImportMapping parseRest(String json) {
        if (json == null || json.isBlank()) {
            return ImportMapping.of(Map.of());
        }
        try {
            return MAPPER.readValue(json, ImportMapping.class);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("advanced", "validation.import.mapping-json",
                    e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }
}
