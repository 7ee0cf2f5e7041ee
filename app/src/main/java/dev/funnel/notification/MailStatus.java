package dev.funnel.notification;

/**
 * Whether e-mail is on and how the outbox stands, for Admin.
 *
 * @param enabled   false when no SMTP server is configured ({@code FUNNEL_SMTP_HOST}), or its settings are unusable
 * @param server    host:port and sender, when on
 * @param problem   why e-mail is off although a server was named (a bad sender address), or null
 * @param lastError the last failure to send, with its time, or null
 */
public record MailStatus(boolean enabled, String server, String problem, long waiting, long failed, long sent,
                         String lastError) {
}
