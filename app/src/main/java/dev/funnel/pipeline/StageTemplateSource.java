package dev.funnel.pipeline;

import dev.funnel.plugin.api.StageTemplate;
import java.util.List;
import java.util.Optional;

/**
 * Where the stage templates offered for new pipelines come from. The plugin host answers with the templates of
 * the loaded plugins; the interface lives here so that the pipeline module does not depend on the host, which
 * listens to the pipeline's events.
 */
public interface StageTemplateSource {

    /** Every template on offer, by id. */
    List<StageTemplate> templates();

    /** The template with this id, if one is on offer. */
    default Optional<StageTemplate> find(String id) {
        return templates().stream().filter(template -> template.id().equals(id)).findFirst();
    }
}
