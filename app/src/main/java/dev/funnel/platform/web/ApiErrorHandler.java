package dev.funnel.platform.web;

import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.Messages;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns what services throw into the API's JSON errors, in the caller's language (Accept-Language):
 * 400 with field errors, 404 for unknown and invisible records alike, 409 for a stale version.
 */
@RestControllerAdvice(basePackages = "dev.funnel")
class ApiErrorHandler {

    private final Messages messages;

    ApiErrorHandler(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e, Locale locale) {
        List<ApiError.FieldError> fields = e.problems().stream()
                .map(p -> new ApiError.FieldError(p.field(), p.messageKey(), messages.get(p, locale)))
                .toList();
        return status(HttpStatus.BAD_REQUEST, "invalid_input", messages.get("api.error.invalid-input", locale), fields);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e, Locale locale) {
        return status(HttpStatus.NOT_FOUND, "not_found",
                messages.get("api.error.not-found", locale, e.entity(), String.valueOf(e.id())), List.of());
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ApiError> stale(StaleVersionException e, Locale locale) {
        return status(HttpStatus.CONFLICT, "stale_version",
                messages.get("api.error.stale", locale, e.entity(), String.valueOf(e.id())), List.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, Locale locale) {
        String detail = e.getMostSpecificCause().getMessage();
        return status(HttpStatus.BAD_REQUEST, "unreadable_body",
                messages.get("api.error.unreadable", locale, detail == null ? "" : firstLine(detail)), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e, Locale locale) {
        FieldProblem problem = FieldProblem.of(e.getName(), "validation.parameter", String.valueOf(e.getValue()));
        return invalid(new InvalidInputException(List.of(problem)), locale);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, Locale locale) {
        return invalid(InvalidInputException.of(e.getParameterName(), "validation.required"), locale);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e, Locale locale) {
        return status(HttpStatus.FORBIDDEN, "forbidden", messages.get("api.error.forbidden", locale), List.of());
    }

    @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationCredentialsNotFoundException e, Locale locale) {
        return status(HttpStatus.UNAUTHORIZED, "unauthorized", messages.get("api.error.unauthorized", locale), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e, Locale locale) {
        return status(HttpStatus.NOT_FOUND, "not_found", messages.get("api.error.no-such-path", locale), List.of());
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static ResponseEntity<ApiError> status(HttpStatus status, String code, String message,
                                                   List<ApiError.FieldError> fields) {
        return ResponseEntity.status(status).body(new ApiError(code, message, fields));
    }
}
