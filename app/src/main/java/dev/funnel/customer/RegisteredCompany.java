package dev.funnel.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A company as a business registry records it (工商信息), for filling in a customer: any part the registry does not
 * give is null. {@code source} names the registry.
 */
public record RegisteredCompany(String name, String creditCode, String legalRepresentative,
                                BigDecimal registeredCapital, String capitalCurrency, LocalDate foundedOn,
                                String status, String address, String source) {
}
