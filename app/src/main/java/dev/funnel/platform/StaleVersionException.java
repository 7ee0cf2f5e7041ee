package dev.funnel.platform;

/** Someone else saved the record after the caller read it; saving would silently overwrite their change. */
public class StaleVersionException extends RuntimeException {

    private final String entity;
    private final long id;

    public StaleVersionException(String entity, long id) {
        super(entity + " " + id + " was changed by someone else");
        this.entity = entity;
        this.id = id;
    }

    public String entity() {
        return entity;
    }

    public long id() {
        return id;
    }
}
