package dev.funnel.platform.web;

import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;

/**
 * Says more about a refusal than "your role does not allow this", where a module knows more: identity, when the
 * request's API token lacks a scope. The API's error handler asks it before answering its plain 403.
 */
public interface RefusalExplainer {

    Optional<ResponseEntity<ApiError>> explain(AccessDeniedException refusal, Locale locale);
}
