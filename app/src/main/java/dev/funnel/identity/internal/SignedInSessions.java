package dev.funnel.identity.internal;

import dev.funnel.identity.UserChanged;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.session.SessionInformationExpiredEvent;
import org.springframework.security.web.session.SessionInformationExpiredStrategy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The browser sessions signed in to Funnel, so that disabling an account or changing its roles takes effect at
 * once: a Vaadin tab keeps its session alive for as long as it is open, and its roles are those it signed in
 * with. The next request of an ended session signs it out and sends the person to the login page.
 */
@Component
class SignedInSessions {

    private final SessionRegistry registry;

    SignedInSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** After the change commits: a change rolled back must not have signed anyone out. */
    @TransactionalEventListener(fallbackExecution = true)
    void accountChanged(UserChanged change) {
        if (change.enabled() == change.enabledBefore() && change.roles().equals(change.rolesBefore())) {
            return; // a new team is read at each request; nothing the session holds is out of date
        }
        if (change.atSignIn()) {
            return; // the session being created is the one that carries the new roles
        }
        end(change.username());
    }

    /** Ends every session of the account; returns how many were open. */
    int end(String username) {
        int ended = 0;
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof UserDetails user && user.getUsername().equals(username)) {
                for (SessionInformation session : registry.getAllSessions(principal, false)) {
                    session.expireNow();
                    ended++;
                }
            }
        }
        return ended;
    }

    @Configuration
    static class Registry {

        @Bean
        SessionRegistry sessionRegistry() {
            return new SessionRegistryImpl();
        }

        /** Tells the registry of sessions that end by themselves, so that it does not keep them. */
        @Bean
        HttpSessionEventPublisher httpSessionEventPublisher() {
            return new HttpSessionEventPublisher();
        }
    }

    /**
     * An ended session's next request: Vaadin's client asks in the background and understands only its own
     * "session expired" answer (it then reloads the page, which lands on the login page); a page load is sent
     * there directly.
     */
    static final class ToLoginPage implements SessionInformationExpiredStrategy {

        @Override
        public void onExpiredSessionDetected(SessionInformationExpiredEvent event) throws IOException {
            HttpServletRequest request = event.getRequest();
            HttpServletResponse response = event.getResponse();
            if (request.getParameter("v-r") != null) {
                response.setContentType("application/json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("for(;;);[{\"meta\":{\"sessionExpired\":true}}]");
            } else {
                response.sendRedirect(request.getContextPath() + "/login");
            }
        }
    }
}
