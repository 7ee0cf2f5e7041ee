package dev.funnel.currency;

/** A rate read from row {@code line} of an import file. */
public record ExchangeRateImport(int line, ExchangeRateDraft draft) {
}
