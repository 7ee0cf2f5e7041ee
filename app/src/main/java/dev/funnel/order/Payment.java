package dev.funnel.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money received against an order, in the order's currency. */
public record Payment(long id, long orderId, LocalDate receivedOn, BigDecimal amount, String notes) {
}
