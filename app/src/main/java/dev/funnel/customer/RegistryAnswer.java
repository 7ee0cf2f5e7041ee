package dev.funnel.customer;

import java.util.List;

/**
 * What the business registry answered: the companies it found; or, when it could not answer, why ({@code problem}:
 * none is set up, it failed, it was too slow), so that the form can say so and carry on without it.
 */
public record RegistryAnswer(boolean available, List<RegisteredCompany> companies, String problem) {

    public RegistryAnswer {
        companies = List.copyOf(companies);
    }

    public static RegistryAnswer none() {
        return new RegistryAnswer(false, List.of(), null);
    }
}
