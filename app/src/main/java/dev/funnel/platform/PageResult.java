package dev.funnel.platform;

import java.util.List;

/** One page of a list, as the REST API answers it: {@code {"items": [...], "total": N, "page": P, "size": S}}. */
public record PageResult<T>(List<T> items, long total, int page, int size) {

    public PageResult {
        items = List.copyOf(items);
    }
}
