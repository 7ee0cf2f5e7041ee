package dev.funnel.platform.web;

import dev.funnel.platform.Messages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every request but the health checks with 503 until Funnel is ready: the database migrated, the
 * administrator's account and the demo company (when asked for) in place. Tomcat answers before that, and a
 * sign-in then could meet a half-made database; a load balancer waits for {@code /actuator/health/readiness}.
 * The same holds while Funnel shuts down.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotReadyYet extends OncePerRequestFilter {

    private final ApplicationAvailability availability;
    private final Messages messages;

    NotReadyYet(ApplicationAvailability availability, Messages messages) {
        this.availability = availability;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health")) {
            chain.doFilter(request, response);
            return;
        }
        String message = messages.get("error.starting", request.getLocale());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"code\":\"starting\",\"message\":\"" + message.replace("\"", "\\\"")
                    + "\",\"fieldErrors\":[]}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=5>"
                    + "<title>Funnel</title><p style=\"font:16px sans-serif;margin:3em\">" + message + "</p>");
        }
    }
}
