package dev.funnel.customer;

import dev.funnel.platform.Checks;
import dev.funnel.platform.FieldProblem;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rules of a customer's and a contact's fields and the normalisation of what users type, shared by entering
 * one customer ({@link CustomerService}) and importing many ({@link CustomerImportService}), so both check alike.
 */
final class CustomerRules {

    static final int MAX_TAGS = 20;

    private CustomerRules() {
    }

    /** The rules of one customer's fields, none of which needs the database beyond the owner. */
    static List<FieldProblem> fieldProblems(CustomerDraft draft, Long ownerId, Long previousOwnerId,
                                            Predicate<Long> assignable, LocalDate today) {
        String code = draft.creditCode();
        Checks checks = Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 200)
                .rule(code == null || CreditCode.isValid(code), "creditCode", "validation.credit-code")
                .maxLength("legalRepresentative", draft.legalRepresentative(), 100)
                .money("registeredCapital", draft.registeredCapital())
                .currency("capitalCurrency", draft.capitalCurrency())
                .rule(draft.establishedOn() == null || !draft.establishedOn().isAfter(today), "establishedOn",
                        "validation.date.future")
                .maxLength("industry", draft.industry(), 60)
                .rule(draft.employeeCount() == null || draft.employeeCount() >= 0, "employeeCount",
                        "validation.number.negative")
                .maxLength("country", draft.country(), 60)
                .maxLength("city", draft.city(), 60)
                .maxLength("address", draft.address(), 300)
                .maxLength("website", draft.website(), 200)
                .phone("phone", draft.phone())
                .maxLength("phone", draft.phone(), 40)
                .email("email", draft.email())
                .maxLength("email", draft.email(), 254)
                .maxLength("source", draft.source(), 60)
                .rule(draft.tags().size() <= MAX_TAGS, "tags", "validation.tags.too-many", MAX_TAGS)
                .rule(draft.tags().stream().allMatch(t -> t.length() <= 40), "tags", "validation.too-long", 40)
                .rule(ownerId == null || ownerId.equals(previousOwnerId) || assignable.test(ownerId), "ownerId",
                        "validation.owner.not-assignable");
        return checks.problems();
    }

    static List<FieldProblem> contactProblems(ContactDraft draft) {
        return Checks.start()
                .required("name", draft.name())
                .maxLength("name", draft.name(), 100)
                .maxLength("title", draft.title(), 100)
                .phone("phone", draft.phone())
                .maxLength("phone", draft.phone(), 40)
                .phone("mobile", draft.mobile())
                .maxLength("mobile", draft.mobile(), 40)
                .email("email", draft.email())
                .maxLength("email", draft.email(), 254)
                .problems();
    }

    static CustomerDraft normalized(CustomerDraft draft) {
        List<String> tags = draft.tags().stream().map(String::trim).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        return new CustomerDraft(draft.name(), blankToNull(CreditCode.normalize(draft.creditCode())),
                draft.legalRepresentative(), draft.registeredCapital(), draft.capitalCurrency(), draft.establishedOn(),
                draft.industry(), draft.employeeCount(), draft.country(), draft.city(), draft.address(),
                draft.website(), draft.phone(), draft.email(), draft.status(), draft.source(), draft.parentId(), tags,
                draft.ownerId(), draft.notes());
    }

    static void addPhoneDigits(Set<String> phones, String phone) {
        if (phone != null) {
            String digits = phone.replaceAll("[^0-9]", "");
            // short numbers (extensions, '110') say nothing about who the company is
            if (digits.length() >= 7) {
                phones.add(digits);
            }
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
