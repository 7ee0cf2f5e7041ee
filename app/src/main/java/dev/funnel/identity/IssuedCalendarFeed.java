package dev.funnel.identity;

/** A new calendar address, with its secret path: shown once, since only its hash is kept. */
public record IssuedCalendarFeed(CalendarFeed feed, String path) {
}
