package dev.funnel.audit;

import dev.funnel.audit.internal.AuditRepository;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the audit trail. An entry joins the caller's transaction, so a change and its entry are stored or
 * rolled back together. The actor is the signed-in user and the address the current request's client, as
 * Tomcat sees it after the trusted proxies' forwarded headers.
 */
@Service
public class AuditLog {

    private final AuditRepository entries;
    /** The application's own holder, as everywhere: the static one belongs to whichever context started last. */
    private final SecurityContextHolderStrategy securityContext;

    AuditLog(AuditRepository entries, SecurityContextHolderStrategy securityContext) {
        this.entries = entries;
        this.securityContext = securityContext;
    }

    /** Records what the signed-in user just did. */
    @PermitAll
    @Transactional
    public void record(String action, String targetType, Object targetId, String details) {
        Authentication signedIn = securityContext.getContext().getAuthentication();
        String actor = signedIn == null || !signedIn.isAuthenticated() ? null : signedIn.getName();
        entries.insert(actor, action, targetType, targetId == null ? null : String.valueOf(targetId), details,
                currentAddress());
    }

    /** Records what happened for someone who is not signed in (yet): a failed or throttled sign-in. */
    @PermitAll
    @Transactional
    public void recordFor(String actor, String address, String action, String details) {
        recordFor(actor, address, action, null, null, details);
    }

    /** Records what someone not signed in yet caused to a record: an account created by its first sign-in. */
    @PermitAll
    @Transactional
    public void recordFor(String actor, String address, String action, String targetType, Object targetId,
                          String details) {
        entries.insert(actor, action, targetType, targetId == null ? null : String.valueOf(targetId), details,
                address != null ? address : currentAddress());
    }

    private static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
