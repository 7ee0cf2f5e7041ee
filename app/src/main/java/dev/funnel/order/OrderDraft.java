package dev.funnel.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a rep enters for an order; the opportunity it closes is optional, the currency defaults to the company's. */
public record OrderDraft(String number, Long customerId, Long opportunityId, LocalDate orderDate, BigDecimal amount,
                         String currency, String notes) {
}
