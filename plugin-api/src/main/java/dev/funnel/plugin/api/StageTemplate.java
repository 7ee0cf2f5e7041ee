package dev.funnel.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * An industry's ready-made sales process (阶段模板), from which an administrator creates a pipeline.
 *
 * @param id a stable identifier, unique across plugins, for example {@code high-tech-saas}
 * @param name the template's name
 * @param description who it fits and why
 * @param stages the open stages in order (at least one)
 * @since 1.0.0
 */
public record StageTemplate(String id, LocalizedText name, LocalizedText description, List<StageDefinition> stages) {

    /** @since 1.0.0 */
    public StageTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("StageTemplate " + id + " has no stages");
        }
    }
}
