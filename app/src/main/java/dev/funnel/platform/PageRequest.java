package dev.funnel.platform;

/**
 * Which rows of a list to read: {@code limit} rows from {@code offset}. The REST API asks by page and size, lazy
 * grids by offset and limit (not always a multiple of it), so both are exact here. Limits are capped so that no
 * caller can ask for everything at once.
 */
public record PageRequest(long offset, int limit) {

    public static final int MAX_SIZE = 500;
    /** Far beyond any real list; keeps offset arithmetic far from overflow. */
    public static final long MAX_OFFSET = 100_000_000L;

    public PageRequest {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw InvalidInputException.of("page", "validation.page.range");
        }
        if (limit < 1 || limit > MAX_SIZE) {
            throw InvalidInputException.of("size", "validation.page.size");
        }
    }

    /** A zero-based page of {@code size} rows, as the REST API asks. */
    public static PageRequest of(int page, int size) {
        if (page < 0 || page > MAX_OFFSET) {
            throw InvalidInputException.of("page", "validation.page.range");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidInputException.of("size", "validation.page.size");
        }
        return new PageRequest((long) page * size, size);
    }

    /** For lazy grids, which ask by offset and limit. */
    public static PageRequest ofOffset(int offset, int limit) {
        return new PageRequest(offset, Math.max(1, Math.min(limit, MAX_SIZE)));
    }

    /** The page number, exact when the request was made by page and size. */
    public int page() {
        return (int) (offset / limit);
    }

    public int size() {
        return limit;
    }
}
