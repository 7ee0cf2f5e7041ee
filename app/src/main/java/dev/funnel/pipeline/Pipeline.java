package dev.funnel.pipeline;

import java.util.List;

/** An ordered set of open stages; every pipeline ends in Won and Lost, which are an opportunity's status. */
public record Pipeline(long id, String name, String templateId, boolean isDefault, List<Stage> stages, int version) {

    public Pipeline {
        stages = List.copyOf(stages);
    }
}
