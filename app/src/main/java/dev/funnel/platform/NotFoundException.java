package dev.funnel.platform;

/**
 * The record does not exist, or the caller may not see it: the two are deliberately indistinguishable so that
 * nothing leaks about other people's records.
 */
public class NotFoundException extends RuntimeException {

    private final String entity;
    private final Object id;

    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " not found");
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
