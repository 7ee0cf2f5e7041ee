package dev.funnel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A deal behind a figure, as the drill-down list shows it. */
public record DealRow(long id, String name, String customerName, String ownerName, String stageNameEn,
                      String stageNameZh, String status, BigDecimal amount, String currency, LocalDate closedOn) {
}
