package dev.funnel.platform;

import java.time.OffsetDateTime;

/**
 * Someone else saved the record after the caller read it; saving would silently overwrite their change. When
 * known, says who saved last and when, so the user can be told 'changed by X at T, reload'.
 */
public class StaleVersionException extends RuntimeException {

    private final String entity;
    private final long id;
    private final String changedBy;
    private final OffsetDateTime changedAt;

    public StaleVersionException(String entity, long id) {
        this(entity, id, null, null);
    }

    public StaleVersionException(String entity, long id, String changedBy, OffsetDateTime changedAt) {
        super(entity + " " + id + " was changed by " + (changedBy == null ? "someone else" : changedBy)
                + (changedAt == null ? "" : " at " + changedAt));
        this.entity = entity;
        this.id = id;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public String entity() {
        return entity;
    }

    public long id() {
        return id;
    }

    public String changedBy() {
        return changedBy;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }
}
