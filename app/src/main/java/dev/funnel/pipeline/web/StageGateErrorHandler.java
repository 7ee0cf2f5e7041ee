package dev.funnel.pipeline.web;

import dev.funnel.pipeline.MissingItem;
import dev.funnel.pipeline.StageGateException;
import dev.funnel.platform.Messages;
import dev.funnel.plugin.api.OpportunityField;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused stage move is 422 with {@code code: "STAGE_GATE"} and what is missing, item by item. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StageGateErrorHandler {

    private final Messages messages;

    StageGateErrorHandler(Messages messages) {
        this.messages = messages;
    }

    /** The 422 body. */
    record StageGateError(String code, String message, long opportunityId, long targetStageId, List<Missing> missing) {
    }

    /** One unmet condition, in the caller's language. */
    record Missing(MissingItem.Kind kind, long stageId, Long criterionId, Long taskId, OpportunityField field,
                   String text) {
    }

    @ExceptionHandler(StageGateException.class)
    ResponseEntity<StageGateError> refused(StageGateException e, Locale locale) {
        List<Missing> missing = e.missing().stream()
                .map(m -> new Missing(m.kind(), m.stageId(), m.criterionId(), m.taskId(), m.field(), m.text(locale)))
                .toList();
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new StageGateError("STAGE_GATE",
                messages.get("api.error.stage-gate", locale, missing.size()), e.opportunityId(), e.targetStageId(),
                missing));
    }
}
