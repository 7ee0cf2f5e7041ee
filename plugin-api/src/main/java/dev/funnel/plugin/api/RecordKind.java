package dev.funnel.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * A kind of record administrators enter for a plugin.
 *
 * @param name   the key the plugin reads the records by, for example {@code target}
 * @param label  what the forms call it
 * @param fields its fields, in the order the form shows them
 * @since 1.1.0
 */
public record RecordKind(String name, LocalizedText label, List<SettingField> fields) {

    /** @since 1.1.0 */
    public RecordKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        fields = List.copyOf(fields);
    }
}
