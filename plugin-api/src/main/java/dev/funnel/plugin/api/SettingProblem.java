package dev.funnel.plugin.api;

/**
 * Why a record was refused, for one field.
 *
 * @param field   the field's key
 * @param message the reason, in both languages
 * @since 1.1.0
 */
public record SettingProblem(String field, LocalizedText message) {
}
