package dev.funnel.identity.internal;

import dev.funnel.identity.CalendarFeed;
import dev.funnel.identity.CalendarFeedService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request to a calendar address by the secret in its path, as the address's owner, since calendar
 * clients cannot send credentials. An unknown or stopped address, or one of a disabled account, is answered 404
 * like any address that does not exist: a calendar client shows nothing, and a guess learns nothing.
 */
class CalendarFeedFilter extends OncePerRequestFilter {

    private static final String SUFFIX = ".ics";

    private final CalendarFeedRepository feeds;
    private final UserRepository users;
    private final SecurityContextHolderStrategy securityContext;

    CalendarFeedFilter(CalendarFeedRepository feeds, UserRepository users,
                       SecurityContextHolderStrategy securityContext) {
        this.feeds = feeds;
        this.users = users;
        this.securityContext = securityContext;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String secret = path.startsWith(CalendarFeedService.PATH_PREFIX) && path.endsWith(SUFFIX)
                ? path.substring(CalendarFeedService.PATH_PREFIX.length(), path.length() - SUFFIX.length()) : "";
        Optional<CalendarFeed> feed = secret.isEmpty() || secret.contains("/") ? Optional.empty()
                : feeds.findLiveBySecret(secret);
        Optional<UserRepository.Credentials> owner = feed.flatMap(f -> users.findCredentials(f.userId()))
                .filter(UserRepository.Credentials::enabled);
        if (owner.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        feeds.recordUse(feed.get().id(), request.getRemoteAddr());
        FunnelPrincipal principal = new FunnelPrincipal(owner.get(), "", owner.get().roles());
        SecurityContext context = securityContext.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        securityContext.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            securityContext.clearContext();
        }
    }
}
