package dev.funnel.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * A field of a {@link RecordKind}.
 *
 * @param key      the key of its value in a record
 * @param label    what the form calls it
 * @param type     what it holds, which decides how the host checks and shows it
 * @param required whether a record needs a value
 * @param choices  for {@link SettingType#CHOICES}: the values to choose from (several may be chosen; a record
 *                 holds them comma-separated); empty otherwise
 * @since 1.1.0
 */
public record SettingField(String key, LocalizedText label, SettingType type, boolean required,
                           List<String> choices) {

    /** @since 1.1.0 */
    public SettingField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
    }
}
