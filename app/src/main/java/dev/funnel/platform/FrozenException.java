package dev.funnel.platform;

/**
 * The record is closed for changes for good (a closed review): an edit is a conflict with its state, not bad
 * input, and retrying it will never succeed.
 */
public class FrozenException extends RuntimeException {

    private final String entity;
    private final Object id;

    public FrozenException(String entity, Object id) {
        super(entity + " " + id + " is closed and takes no more changes");
        this.entity = entity;
        this.id = id;
    }

    public String entity() {
        return entity;
    }

    public Object id() {
        return id;
    }
}
