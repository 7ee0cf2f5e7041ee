package dev.funnel.customer;

import java.time.OffsetDateTime;

/** A company Funnel's user sells to, as the UI and the API show it. */
public record Customer(long id, String name, String creditCode, String industry, String city, String address,
                       String website, String phone, Long ownerId, String ownerName, String notes, int version,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
