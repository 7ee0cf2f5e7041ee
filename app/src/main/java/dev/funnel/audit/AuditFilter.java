package dev.funnel.audit;

import java.time.LocalDate;

/**
 * Which entries to list; every part is optional.
 *
 * @param from   the first day, in the server's time zone
 * @param to     the last day, inclusive
 * @param actor  the actor's name, ignoring case
 * @param action an action, or the start of one ({@code sign-in} finds every sign-in entry)
 */
public record AuditFilter(LocalDate from, LocalDate to, String actor, String action) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null);
}
