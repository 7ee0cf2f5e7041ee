package dev.funnel.importexport.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.platform.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping step: one field picker per column of the file, guessed from the header, and the mapping's other
 * parts (value mappings, defaults, date formats) as the JSON the API takes, for those who need them.
 */
class MappingEditor extends FormLayout {

    static final String IGNORE = "";

    private final Map<String, Select<String>> pickers = new LinkedHashMap<>();
    private final TextArea advanced = new TextArea();

    /**
     * @param suggested the field each column most likely holds (the import service's guess from the header)
     */
    MappingEditor(List<String> headers, List<ImportField> fields, Map<String, String> suggested,
                  ImportMapping saved) {
        List<String> choices = new ArrayList<>();
        choices.add(IGNORE);
        fields.forEach(f -> choices.add(f.name()));
        for (String header : headers) {
            Select<String> picker = new Select<>();
            picker.setLabel(header);
            picker.setItems(choices);
            picker.setItemLabelGenerator(f -> f.isEmpty() ? getTranslation("import.ignore")
                    : label(f) + (required(fields, f) ? " *" : ""));
            picker.setValue(suggested.getOrDefault(header, IGNORE));
            pickers.put(header, picker);
            add(picker);
        }
        advanced.setLabel(getTranslation("import.advanced"));
        advanced.setHelperText(getTranslation("import.advanced.help"));
        advanced.setValue(Json.rest(saved));
        add(advanced);
        setColspan(advanced, 2);
    }

    /** The mapping as the user left it; a malformed advanced part is reported by {@link Json#parseRest}. */
    ImportMapping mapping() {
        Map<String, String> columns = new LinkedHashMap<>();
        pickers.forEach((header, picker) -> {
            if (picker.getValue() != null && !picker.getValue().isEmpty()) {
                columns.put(header, picker.getValue());
            }
        });
        ImportMapping rest = Json.parseRest(advanced.getValue());
        return new ImportMapping(columns, rest.values(), rest.defaults(), rest.dateFormats());
    }

    TextArea advanced() {
        return advanced;
    }

    private static boolean required(List<ImportField> fields, String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name) && f.required());
    }

    /** The field as the user knows it ('Customer name'), with the name mappings use for those who write them. */
    private String label(String field) {
        String key = "field." + field;
        return Messages.has(key, getLocale()) ? getTranslation("import.field", getTranslation(key), field)
                : field;
    }
}
