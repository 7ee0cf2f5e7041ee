package dev.funnel.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A company Funnel's user sells to, as the UI and the API show it: its business registration data, where it
 * stands, who owns it (null while it is in the customer pool) and its parent company.
 */
public record Customer(long id, String name, String creditCode, String industry, String city, String address,
                       String website, String phone, Long ownerId, String ownerName, String notes, int version,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt, String legalRepresentative,
                       BigDecimal registeredCapital, String capitalCurrency, LocalDate establishedOn,
                       Integer employeeCount, String country, CustomerStatus status, String source, String email,
                       Long parentId, String parentName, List<String> tags) {

    public Customer {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Just enough of a customer to show and pick it, for example in a combo box. */
    public static Customer reference(long id, String name) {
        return new Customer(id, name, null, null, null, null, null, null, null, null, null, 0, null, null, null,
                null, null, null, null, null, null, null, null, null, null, List.of());
    }
}
