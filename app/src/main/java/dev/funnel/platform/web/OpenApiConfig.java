package dev.funnel.platform.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs: every endpoint needs HTTP Basic with a Funnel user. */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "Funnel API", version = "v1",
                description = "Sales funnel management. Lists answer {items, total, page, size}; errors answer "
                        + "{code, message, fieldErrors}: 400 invalid input, 401 no or wrong credentials, 403 role, "
                        + "404 unknown or not visible, 409 stale version."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
class OpenApiConfig {
}
