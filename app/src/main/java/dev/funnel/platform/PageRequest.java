package dev.funnel.platform;

/** A zero-based page of at most {@code size} rows; sizes are capped so that no caller can ask for everything. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 0) {
            throw InvalidInputException.of("page", "validation.page.negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidInputException.of("size", "validation.page.size");
        }
    }

    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    /** For lazy grids, which ask by offset and limit. */
    public static PageRequest ofOffset(int offset, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_SIZE));
        return new PageRequest(offset / size, size);
    }

    public int offset() {
        return page * size;
    }
}
