package dev.funnel.pipeline;

/** A stage to create, in order. */
public record NewStage(String nameEn, String nameZh, int probability) {
}
