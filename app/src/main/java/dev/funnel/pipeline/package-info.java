/**
 * Pipelines, their ordered stages, opportunities and the append-only stage history. The root package is the
 * module's API.
 */
package dev.funnel.pipeline;
