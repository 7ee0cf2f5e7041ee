package dev.funnel.identity;

/** A user made a new calendar address (the old one, if any, stopped) or stopped theirs, for the audit trail. */
public record CalendarFeedChanged(long feedId, String username, boolean issued) {
}
