package dev.funnel.pipeline.web;

import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.StageDraft;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.Checks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sales process as the API sees it: pipelines with their stages, and the configurable lists. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sales process")
class ProcessController {

    private final PipelineService pipelines;
    private final ChoiceService choices;

    ProcessController(PipelineService pipelines, ChoiceService choices) {
        this.pipelines = pipelines;
        this.choices = choices;
    }

    @GetMapping("/pipelines")
    @Operation(summary = "Pipelines with their stages, exit criteria and key activities")
    List<Pipeline> pipelines() {
        return pipelines.list();
    }

    /** A new pipeline: from a template of a loaded plugin, or with its own stages. */
    record PipelineRequest(String name, String templateId, boolean isDefault, List<NewStage> stages) {
    }

    /** A stage edit with the version read. */
    record StageRequest(Integer version, StageDraft stage) {
    }

    /** A stage to insert at a position (1 = first). */
    record NewStageRequest(Integer position, NewStage stage) {
    }

    /** The new order of a pipeline's stages. */
    record OrderRequest(List<Long> stageIds) {
    }

    @PostMapping("/pipelines")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a pipeline, from a stage template (templateId) or with the given stages (administrators)")
    Pipeline createPipeline(@RequestBody PipelineRequest request) {
        return request.templateId() == null
                ? pipelines.create(new NewPipeline(request.name(), null, request.isDefault(), request.stages()))
                : pipelines.createFromTemplate(request.templateId(), request.name(), request.isDefault());
    }

    @PutMapping("/stages/{id}")
    @Operation(summary = "Edit a stage with its exit criteria and key activities (administrators); 409 when stale")
    Pipeline updateStage(@PathVariable long id, @RequestBody StageRequest request) {
        Checks.start().required("version", request.version()).required("stage", request.stage()).orThrow();
        return pipelines.updateStage(id, request.version(), request.stage());
    }

    @PostMapping("/pipelines/{id}/stages")
    @Operation(summary = "Insert a stage at a position (administrators)")
    Pipeline addStage(@PathVariable long id, @RequestBody NewStageRequest request) {
        Checks.start().required("position", request.position()).required("stage", request.stage()).orThrow();
        return pipelines.addStage(id, request.position(), request.stage());
    }

    @PutMapping("/pipelines/{id}/stage-order")
    @Operation(summary = "Reorder the stages (administrators)")
    Pipeline reorder(@PathVariable long id, @RequestBody OrderRequest request) {
        return pipelines.reorder(id, request.stageIds());
    }

    @DeleteMapping("/stages/{id}")
    @Operation(summary = "Remove a stage, moving its open deals to moveOpenDealsTo; the stage is archived for history "
            + "(administrators)")
    Pipeline removeStage(@PathVariable long id, @RequestParam(required = false) Long moveOpenDealsTo) {
        return pipelines.removeStage(id, moveOpenDealsTo);
    }

    @GetMapping("/lead-sources")
    @Operation(summary = "The configured lead sources")
    List<Choice> leadSources() {
        return choices.leadSources();
    }

    @PostMapping("/choices")
    @Operation(summary = "Add a lead source (kind LEAD_SOURCE) or lost reason (LOST_REASON) (administrators)")
    List<Choice> addChoice(@RequestBody Choice choice) {
        return choices.add(choice);
    }

    @DeleteMapping("/choices/{kind}/{code}")
    @Operation(summary = "Retire a lead source or lost reason; deals that use it keep it (administrators)")
    List<Choice> retireChoice(@PathVariable String kind, @PathVariable String code) {
        return choices.retire(kind, code);
    }

    @GetMapping("/lost-reasons")
    @Operation(summary = "The configured lost reasons")
    List<Choice> lostReasons() {
        return choices.lostReasons();
    }
}
