package dev.funnel.pipeline;

import java.util.List;

/** A pipeline to create; {@code templateId} names the stage template it came from, if any. */
public record NewPipeline(String name, String templateId, boolean isDefault, List<NewStage> stages) {
}
