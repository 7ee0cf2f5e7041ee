package dev.funnel.plugin.api;

/**
 * What a {@link SettingField} holds.
 *
 * @since 1.1.0
 */
public enum SettingType {
    /** Any text up to 500 characters. */
    TEXT,
    /** An absolute http or https URL. */
    URL,
    /** A secret of at least 16 characters, shown masked once stored. */
    SECRET,
    /** One or more of the field's choices. */
    CHOICES
}
