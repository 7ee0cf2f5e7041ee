package dev.funnel.plugin.internal;

import dev.funnel.customer.CompanyRegistry;
import dev.funnel.customer.RegisteredCompany;
import dev.funnel.customer.RegistryAnswer;
import dev.funnel.plugin.ExtensionGuard;
import dev.funnel.plugin.api.CompanyInfo;
import dev.funnel.plugin.api.CompanyInfoProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The business registry, as the installed {@link CompanyInfoProvider}s answer it: each asked in turn through the
 * guard within what is left of the caller's time, the first that answers wins. A provider that throws or runs out
 * of time is logged for administrators (Admin › Plugins) and the caller gets the problem, not an exception.
 */
@Component
class PluginCompanyRegistry implements CompanyRegistry {

    /** Asking whether a provider is set up reads its settings: it must be quick. */
    static final Duration READY_CHECK = Duration.ofMillis(500);

    private final ExtensionGuard guard;

    PluginCompanyRegistry(ExtensionGuard guard) {
        this.guard = guard;
    }

    @Override
    public RegistryAnswer lookUp(String nameOrCreditCode, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        // only those set up: one installed but not yet configured is neither asked nor counted as failing
        List<CompanyInfoProvider> providers = guard.extensions(CompanyInfoProvider.class).stream()
                .filter(p -> guard.attempt(p, CompanyInfoProvider::ready, READY_CHECK).answer().orElse(false))
                .toList();
        if (providers.isEmpty()) {
            return RegistryAnswer.none();
        }
        List<String> problems = new ArrayList<>();
        for (CompanyInfoProvider provider : providers) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                break;
            }
            // the guard attaches the plugin's context before each call
            ExtensionGuard.Attempt<List<RegisteredCompany>> attempt = guard.attempt(provider, p -> {
                String source = p.name().zh() + " / " + p.name().en();
                List<RegisteredCompany> found = new ArrayList<>();
                try {
                    for (CompanyInfo c : p.lookUp(nameOrCreditCode)) {
                        found.add(new RegisteredCompany(c.name(), c.creditCode(), c.legalRepresentative(),
                                c.registeredCapital(), c.capitalCurrency(), c.foundedOn(), c.status(), c.address(),
                                source));
                    }
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                return found;
            }, left);
            if (attempt.answer().isPresent()) {
                return new RegistryAnswer(true, attempt.answer().get(), null);
            }
            problems.add(attempt.failure());
        }
        return new RegistryAnswer(true, List.of(), problems.isEmpty() ? "no time left" : String.join("; ", problems));
    }
}
