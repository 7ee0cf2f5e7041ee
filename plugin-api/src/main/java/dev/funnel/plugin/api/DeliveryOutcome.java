package dev.funnel.plugin.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How an attempt to make a {@link Delivery} ended.
 *
 * @param status     what the host does next: nothing ({@link Status#DELIVERED}, {@link Status#FAILED}) or try again
 *                   after {@code retryAfter} ({@link Status#RETRY})
 * @param code       a response code, for example an HTTP status; null when there was no response
 * @param detail     further text for the plugin's log, for example an error message; may be null
 * @param retryAfter for {@link Status#RETRY}, how long to wait before the next attempt; otherwise null
 * @since 1.2.0
 */
public record DeliveryOutcome(Status status, Integer code, String detail, Duration retryAfter) {

    /** @since 1.2.0 */
    public enum Status {
        /** Delivered; the host will not try again. @since 1.2.0 */
        DELIVERED,
        /** Not delivered this time; the host tries again after {@code retryAfter}. @since 1.2.0 */
        RETRY,
        /** Given up; the host will not try again. @since 1.2.0 */
        FAILED
    }

    /** @since 1.2.0 */
    public DeliveryOutcome {
        Objects.requireNonNull(status, "status");
        if (status == Status.RETRY && (retryAfter == null || retryAfter.isNegative())) {
            throw new IllegalArgumentException("a retry needs a pause of zero or more");
        }
    }

    /** @since 1.2.0 */
    public static DeliveryOutcome delivered(Integer code) {
        return new DeliveryOutcome(Status.DELIVERED, code, null, null);
    }

    /** @since 1.2.0 */
    public static DeliveryOutcome retry(Duration after, Integer code, String detail) {
        return new DeliveryOutcome(Status.RETRY, code, detail, after);
    }

    /** @since 1.2.0 */
    public static DeliveryOutcome failed(Integer code, String detail) {
        return new DeliveryOutcome(Status.FAILED, code, detail, null);
    }
}
