package dev.funnel.audit.internal;

import dev.funnel.audit.AuditLog;
import dev.funnel.identity.SignInThrottled;
import dev.funnel.identity.SignInUnlocked;
import dev.funnel.platform.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-ins into the trail: the login page's successes (an API call with a password is not a sign-in: it would
 * be one entry per request), every failed password on either, each pause of the throttle and each unlock. An
 * entry that cannot be written never changes how the sign-in ends.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final AuditLog audit;

    SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication who = event.getAuthentication();
        write(() -> audit.recordFor(who.getName(), address(who), "sign-in.succeeded", null));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (DatabaseOutage.causedBy(event.getException())) {
            return; // nothing was checked, and nothing could be written
        }
        if (event.getException() instanceof dev.funnel.identity.SignInThrottledException) {
            return; // nothing was checked either; the pause itself is in the trail
        }
        Authentication who = event.getAuthentication();
        String username = event.getException() instanceof dev.funnel.identity.RefusedSignIn refused
                ? refused.username() : who.getName();
        // a wrong password says nothing more than the action does; anything else (a disabled account) is named
        String why = event.getException() instanceof org.springframework.security.authentication
                .BadCredentialsException ? null : event.getException().getClass().getSimpleName();
        write(() -> audit.recordFor(username, address(who), "sign-in.failed", why));
    }

    @EventListener
    void paused(SignInThrottled event) {
        write(() -> audit.recordFor(event.username(), event.address(), "sign-in.paused",
                "by " + event.scope() + " for " + event.lockedFor().toSeconds() + " s"));
    }

    @EventListener
    void unlocked(SignInUnlocked event) {
        write(() -> audit.record("sign-in.unlocked", "user", event.username(), null));
    }

    private static String address(Authentication who) {
        return who.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static void write(Runnable entry) {
        try {
            entry.run();
        } catch (RuntimeException e) {
            log.warn("Could not write a sign-in to the audit trail: {}", e.getMessage());
        }
    }
}
