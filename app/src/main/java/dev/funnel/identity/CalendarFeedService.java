package dev.funnel.identity;

import dev.funnel.identity.internal.CalendarFeedRepository;
import jakarta.annotation.security.PermitAll;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's private calendar address (日历订阅): made, replaced and stopped by its owner. The address
 * carries a secret, since calendar clients cannot sign in; a request to it acts as its owner, only to read their
 * own calendar (docs/api.md, "Calendar feeds").
 */
@Service
@Transactional(readOnly = true)
@PermitAll
public class CalendarFeedService {

    /** Where the feeds are served; the secret and {@code .ics} follow. */
    public static final String PATH_PREFIX = "/calendar/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CalendarFeedRepository feeds;
    private final CurrentUserProvider currentUser;
    private final ApplicationEventPublisher events;

    CalendarFeedService(CalendarFeedRepository feeds, CurrentUserProvider currentUser,
                        ApplicationEventPublisher events) {
        this.feeds = feeds;
        this.currentUser = currentUser;
        this.events = events;
    }

    @PermitAll
    public Optional<CalendarFeed> mine() {
        return feeds.findLive(currentUser.require().id());
    }

    /** A new address; the one the user had stops at once, so a leaked address is replaced in one step. */
    @Transactional
    @PermitAll
    public IssuedCalendarFeed issue() {
        CurrentUser me = currentUser.require();
        feeds.revokeLive(me.id());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long id = feeds.insert(me.id(), secret);
        events.publishEvent(new CalendarFeedChanged(id, me.username(), true));
        return new IssuedCalendarFeed(feeds.findLive(me.id()).orElseThrow(), PATH_PREFIX + secret + ".ics");
    }

    /** Stops the user's address: subscribed calendars get nothing more from it. Stopping none changes nothing. */
    @Transactional
    @PermitAll
    public void revoke() {
        CurrentUser me = currentUser.require();
        feeds.revokeLive(me.id()).ifPresent(id -> events.publishEvent(new CalendarFeedChanged(id, me.username(),
                false)));
    }
}
