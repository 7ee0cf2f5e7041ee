package dev.funnel.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Looks companies up in a business registry (工商信息), for the customer form's "fill from registry" and the
 * duplicate check. The host calls it through its guard with a short time limit, off the user's transaction: a
 * provider that fails or is slow only leaves the registry's answer out, and never keeps a customer from being saved.
 *
 * @since 1.5.0
 */
public interface CompanyInfoProvider extends ExtensionPoint {

    /**
     * A stable identifier, for example {@code qcc}.
     *
     * @since 1.5.0
     */
    String id();

    /**
     * The registry's name as shown to users, for example "企查查".
     *
     * @since 1.5.0
     */
    LocalizedText name();

    /**
     * Whether the provider is set up to answer, for example whether administrators entered its service's address
     * and key. The host asks only providers that are ready, so that one installed but not yet set up is neither
     * called nor counted as failing; the default is ready.
     *
     * @since 1.5.0
     */
    default boolean ready() {
        return true;
    }

    /**
     * The companies the registry finds for a registered name (or a part of one) or a unified social credit code,
     * best match first; empty when it finds none. Throw when the registry cannot be asked (not configured,
     * unreachable, the key refused): the message is shown to administrators in the plugin's log.
     *
     * @param nameOrCreditCode what the user typed, trimmed, at least two characters
     * @return at most a handful of companies
     * @throws Exception when the registry could not answer
     * @since 1.5.0
     */
    List<CompanyInfo> lookUp(String nameOrCreditCode) throws Exception;
}
