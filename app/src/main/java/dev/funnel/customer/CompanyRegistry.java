package dev.funnel.customer;

import java.time.Duration;

/**
 * Looks companies up in a business registry. The plugin host answers, through the registry plugins administrators
 * installed; the interface lives here so that customers need not know about plugins.
 */
public interface CompanyRegistry {

    /**
     * The companies a name or credit code finds, from the first registry that answers within the time given.
     * Never throws: a registry that fails or is slow is an answer with a problem.
     */
    RegistryAnswer lookUp(String nameOrCreditCode, Duration within);
}
