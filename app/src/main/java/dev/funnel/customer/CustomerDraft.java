package dev.funnel.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a user enters to create or change a customer. A null owner means 'me', a null status 'prospect', a null
 * capital currency CNY.
 */
public record CustomerDraft(String name, String creditCode, String legalRepresentative, BigDecimal registeredCapital,
                            String capitalCurrency, LocalDate establishedOn, String industry, Integer employeeCount,
                            String country, String city, String address, String website, String phone, String email,
                            CustomerStatus status, String source, Long parentId, List<String> tags, Long ownerId,
                            String notes) {

    public CustomerDraft {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The fields most customers are entered with. */
    public CustomerDraft(String name, String creditCode, String industry, String city, String address,
                         String website, String phone, Long ownerId, String notes) {
        this(name, creditCode, null, null, null, null, industry, null, null, city, address, website, phone, null,
                null, null, null, List.of(), ownerId, notes);
    }

    public static CustomerDraft named(String name) {
        return new CustomerDraft(name, null, null, null, null, null, null, null, null);
    }

    public static CustomerDraft of(Customer c) {
        return new CustomerDraft(c.name(), c.creditCode(), c.legalRepresentative(), c.registeredCapital(),
                c.capitalCurrency(), c.establishedOn(), c.industry(), c.employeeCount(), c.country(), c.city(),
                c.address(), c.website(), c.phone(), c.email(), c.status(), c.source(), c.parentId(), c.tags(),
                c.ownerId(), c.notes());
    }

    public CustomerDraft withParent(Long newParentId) {
        return new CustomerDraft(name, creditCode, legalRepresentative, registeredCapital, capitalCurrency,
                establishedOn, industry, employeeCount, country, city, address, website, phone, email, status, source,
                newParentId, tags, ownerId, notes);
    }

    public CustomerDraft withOwner(Long newOwnerId) {
        return new CustomerDraft(name, creditCode, legalRepresentative, registeredCapital, capitalCurrency,
                establishedOn, industry, employeeCount, country, city, address, website, phone, email, status, source,
                parentId, tags, newOwnerId, notes);
    }
}
