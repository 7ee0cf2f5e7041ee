package dev.funnel.platform.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at /v3/api-docs: every endpoint needs an API token (Bearer) or HTTP Basic with a Funnel
 * user (docs/api.md).
 */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "Funnel API", version = "v1",
                description = "Sales funnel management. Lists answer {items, total, page, size}; errors answer "
                        + "{code, message, fieldErrors}: 400 invalid input, 401 no or wrong credentials, 403 role, "
                        + "404 unknown or not visible, 409 stale version, 503 busy (waited too long for its turn: "
                        + "retry after Retry-After seconds)."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "basic")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (docs/api.md): scopes read, write, admin")
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
class OpenApiConfig {
}
