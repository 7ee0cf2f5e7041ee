package dev.funnel.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A contract or order a customer placed, with what has been paid and what is still outstanding, exact and in the
 * order's currency. Seen by whoever sees its customer.
 */
public record Order(long id, String number, long customerId, String customerName, Long opportunityId, long ownerId,
                    String ownerName, LocalDate orderDate, BigDecimal amount, String currency, BigDecimal paid,
                    String notes, int version) {

    public BigDecimal outstanding() {
        return amount.subtract(paid);
    }
}
