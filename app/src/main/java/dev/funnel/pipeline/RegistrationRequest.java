package dev.funnel.pipeline;

import java.time.OffsetDateTime;

/**
 * A registration request (报备): a rep asks to work a deal on a customer another rep owns, or on a product another
 * rep already sells that customer. The holder is that other rep; the approver is the holder's manager (null:
 * any administrator decides).
 */
public record RegistrationRequest(long id, long customerId, String customerName, Long productId, String productName,
                                  long requesterId, String requesterName, Long holderId, String holderName,
                                  Long approverId, String opportunityName, String reason, RegistrationStatus status,
                                  String decisionComment, String decidedByName, OffsetDateTime decidedAt,
                                  Long opportunityId, OffsetDateTime createdAt, int version) {
}
