package dev.funnel.platform;

import java.time.OffsetDateTime;

/**
 * Someone else saved the record after the caller read it; saving would silently overwrite their change. When
 * known, says who saved last and when, so the user can be told 'changed by X at T, reload'.
 */
public class StaleVersionException extends RuntimeException {

    private final String entity;
    private final Object id;
    private final String changedBy;
    private final OffsetDateTime changedAt;

    /** @param id the record's id, or the key of a record known by its code */
    public StaleVersionException(String entity, Object id) {
        this(entity, id, null, null);
    }

    public StaleVersionException(String entity, Object id, String changedBy, OffsetDateTime changedAt) {
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

    public Object id() {
        return id;
    }

    public String changedBy() {
        return changedBy;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }
}
