package dev.funnel.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a rep enters for a payment received. */
public record PaymentDraft(LocalDate receivedOn, BigDecimal amount, String notes) {
}
