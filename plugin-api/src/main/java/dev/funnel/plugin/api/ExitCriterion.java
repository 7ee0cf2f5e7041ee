package dev.funnel.plugin.api;

import java.util.Objects;

/**
 * One objective condition that must hold before an opportunity may leave a stage: either a checklist item
 * that a person confirms (who and when are kept), or a field that must be filled.
 *
 * @param text what must be true, as shown to the user
 * @param requiredField the field that must be filled, or {@code null} for a checklist item
 * @since 1.0.0
 */
public record ExitCriterion(LocalizedText text, OpportunityField requiredField) {

    /** @since 1.0.0 */
    public ExitCriterion {
        Objects.requireNonNull(text, "text");
    }

    /** A checklist item a person confirms. @since 1.0.0 */
    public static ExitCriterion checklist(String en, String zh) {
        return new ExitCriterion(LocalizedText.of(en, zh), null);
    }

    /** A field that must be filled. @since 1.0.0 */
    public static ExitCriterion requires(OpportunityField field, String en, String zh) {
        return new ExitCriterion(LocalizedText.of(en, zh), Objects.requireNonNull(field, "field"));
    }

    /** Whether a person confirms this criterion (rather than a filled field proving it). @since 1.0.0 */
    public boolean isChecklistItem() {
        return requiredField == null;
    }
}
