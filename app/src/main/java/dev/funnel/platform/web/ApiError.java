package dev.funnel.platform.web;

import java.util.List;

/** Every REST error: a stable {@code code} for programs, a {@code message} for people, and field errors for 400. */
public record ApiError(String code, String message, List<FieldError> fieldErrors) {

    public ApiError {
        fieldErrors = List.copyOf(fieldErrors);
    }

    /** What is wrong with one field of the request. */
    public record FieldError(String field, String code, String message) {
    }
}
