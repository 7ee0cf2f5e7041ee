package dev.funnel.calendar.web;

import dev.funnel.calendar.CalendarService;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A private calendar address, {@code /calendar/<secret>.ics}: the identity module has already signed the request
 * in as the address's owner (or answered 404), so this only writes their calendar.
 */
@RestController
@Hidden
class CalendarFeedController {

    private static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final CalendarService calendars;

    CalendarFeedController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping("/calendar/{secret:[A-Za-z0-9_-]+}.ics")
    ResponseEntity<String> feed() {
        return ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "inline; filename=\"funnel.ics\"")
                .body(calendars.myCalendar());
    }
}
