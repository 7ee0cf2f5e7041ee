package dev.funnel.platform.web;

import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.FrozenException;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.Messages;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.DatabaseOutage;
import dev.funnel.platform.StaleVersionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.unit.DataSize;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns what services throw into the API's JSON errors, in the caller's language (Accept-Language):
 * 400 with field errors, 404 for unknown and invisible records alike, 409 for a stale version.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final Messages messages;
    private final DataSize maxUpload;
    private final List<RefusalExplainer> refusalExplainers;

    ApiErrorHandler(Messages messages,
                    @Value("${funnel.import.max-size:50MB}") DataSize maxUpload,
                    List<RefusalExplainer> refusalExplainers) {
        this.maxUpload = maxUpload;
        this.messages = messages;
        this.refusalExplainers = List.copyOf(refusalExplainers);
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
                messages.get("api.error.not-found", locale, messages.get("entity." + e.entity(), locale),
                        String.valueOf(e.id())), List.of());
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ApiError> stale(StaleVersionException e, Locale locale) {
        String entity = messages.get("entity." + e.entity(), locale);
        String message = e.changedBy() == null
                ? messages.get("api.error.stale", locale, entity, String.valueOf(e.id()))
                : messages.get("api.error.stale-by", locale, entity, String.valueOf(e.id()), e.changedBy(),
                        String.valueOf(e.changedAt()));
        return status(HttpStatus.CONFLICT, "stale_version", message, List.of());
    }

    @ExceptionHandler(FrozenException.class)
    ResponseEntity<ApiError> frozen(FrozenException e, Locale locale) {
        return status(HttpStatus.CONFLICT, "frozen", messages.get("api.error.frozen", locale,
                messages.get("entity." + e.entity(), locale), String.valueOf(e.id())), List.of());
    }

    /**
     * A body that is not JSON, or a value of the wrong type: the field is named when Jackson knows it, and the
     * parser's own message (which names internal classes) is never passed on.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, Locale locale) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            return invalid(InvalidInputException.of(field, mismatch instanceof NulCharacters.NulInJson
                    ? "validation.nul" : "validation.format"), locale);
        }
        return status(HttpStatus.BAD_REQUEST, "unreadable_body", messages.get("api.error.unreadable", locale),
                List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e, Locale locale) {
        FieldProblem problem = FieldProblem.of(e.getName(), "validation.parameter", String.valueOf(e.getValue()));
        return invalid(new InvalidInputException(List.of(problem)), locale);
    }

    /** Query parameters bound to an object (a report's filters): each one that did not convert, by name. */
    @ExceptionHandler(org.springframework.validation.BindException.class)
    ResponseEntity<ApiError> badParameters(org.springframework.validation.BindException e, Locale locale) {
        List<FieldProblem> problems = e.getFieldErrors().stream()
                .map(f -> FieldProblem.of(f.getField(), "validation.parameter", String.valueOf(f.getRejectedValue())))
                .toList();
        return invalid(new InvalidInputException(problems), locale);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, Locale locale) {
        return invalid(InvalidInputException.of(e.getParameterName(), "validation.required"), locale);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e, Locale locale) {
        for (RefusalExplainer explainer : refusalExplainers) {
            var explained = explainer.explain(e, locale);
            if (explained.isPresent()) {
                return explained.get();
            }
        }
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

    /** A unique key or foreign key the checks could not foresee, typically two saves racing each other. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> conflict(DataIntegrityViolationException e, Locale locale) {
        log.warn("Refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return status(HttpStatus.CONFLICT, "conflict", messages.get("api.error.conflict", locale), List.of());
    }

    /** An upload over funnel.import.max-size, refused before it reaches the import. */
    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooBig(org.springframework.web.multipart.MaxUploadSizeExceededException e,
                                    Locale locale) {
        // the resolver often does not know the limit it enforced, and a request over its own bound (the file
        // limit and a megabyte for the other parts) is still a file too large for a person: name the file limit
        String limit = (maxUpload.toBytes() / 1024 / 1024) + " MB";
        return status(HttpStatus.PAYLOAD_TOO_LARGE, "too_large", messages.get("api.error.too-big", locale, limit),
                List.of());
    }

    /** Spring's own refusals (wrong method, media type, ...) keep their status. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ApiError> http(ErrorResponseException e, Locale locale) {
        return ResponseEntity.status(e.getStatusCode()).body(new ApiError("http_" + e.getStatusCode().value(),
                messages.get("api.error.http", locale, e.getStatusCode().value()), List.of()));
    }

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ApiError> httpProtocol(Exception e, Locale locale) {
        var status = ((org.springframework.web.ErrorResponse) e).getStatusCode();
        return ResponseEntity.status(status).body(new ApiError("http_" + status.value(),
                messages.get("api.error.http", locale, status.value()), List.of()));
    }

    /**
     * Anything else is a defect: logged in full, answered without internals. A client that went away while its answer
     * was being written (a timeout, a closed load generator) is not one: nothing can reach it any more, and logging
     * each as an error buried real ones. A failure to read a request (an upload cut short) still counts as one.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        if (org.springframework.web.util.DisconnectedClientHelper.isClientDisconnectedException(e)
                && (response.isCommitted() || whileWriting(e))) {
            log.debug("The client closed the connection while its answer was written: {}", e.toString());
            return null;
        }
        if (DatabaseOutage.causedBy(e)) {
            log.warn("The database cannot be reached: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                    .body(new ApiError("database_unavailable", messages.get("api.error.database-unavailable", locale),
                            List.of()));
        }
        log.error("Unexpected error in the REST API", e);
        return status(HttpStatus.INTERNAL_SERVER_ERROR, "internal", messages.get("api.error.internal", locale),
                List.of());
    }

    private static boolean whileWriting(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.http.converter.HttpMessageNotWritableException
                    || cause instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ApiError> status(HttpStatus status, String code, String message,
                                                   List<ApiError.FieldError> fields) {
        return ResponseEntity.status(status).body(new ApiError(code, message, fields));
    }
}
