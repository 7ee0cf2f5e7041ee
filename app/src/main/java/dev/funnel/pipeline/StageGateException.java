package dev.funnel.pipeline;

import dev.funnel.platform.RefusedException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A forward move the stage gate refused, with everything that is missing, item by item. */
public class StageGateException extends RefusedException {

    private final long opportunityId;
    private final long targetStageId;
    private final List<MissingItem> missing;

    public StageGateException(long opportunityId, long targetStageId, List<MissingItem> missing) {
        super("Opportunity " + opportunityId + " cannot move to stage " + targetStageId + ": " + missing.size()
                + " condition(s) unmet");
        this.opportunityId = opportunityId;
        this.targetStageId = targetStageId;
        this.missing = List.copyOf(missing);
    }

    public long opportunityId() {
        return opportunityId;
    }

    public long targetStageId() {
        return targetStageId;
    }

    public List<MissingItem> missing() {
        return missing;
    }

    @Override
    public String field() {
        return "stageId";
    }

    @Override
    public String messageKey() {
        return "error.stage-gate";
    }

    @Override
    public Object[] arguments(Locale locale) {
        return new Object[] {missing.stream().map(m -> m.text(locale)).collect(Collectors.joining("; "))};
    }
}
