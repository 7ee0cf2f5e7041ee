package dev.funnel.analytics;

import dev.funnel.analytics.internal.ReportRepository.Selection;
import dev.funnel.currency.CurrencyService;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns a report filter into the pipeline and the deals a report covers, for every report alike: the filter is
 * checked (a bad one is refused with the field it names), the team and rep narrow the owners, and what the
 * caller may see narrows everything.
 */
@Component
class ReportScope {

    private final PipelineService pipelines;
    private final UserService users;
    private final CurrencyService currencies;
    private final Clock clock;

    ReportScope(PipelineService pipelines, UserService users, CurrencyService currencies, Clock clock) {
        this.pipelines = pipelines;
        this.users = users;
        this.currencies = currencies;
        this.clock = clock;
    }

    /** {@code currency}: what the report's amounts are in; the company's when the selection converts. */
    record Scope(Pipeline pipeline, String currency, Selection selection) {
    }

    Scope of(ReportFilter filter) {
        Checks checks = Checks.start()
                .rule(filter.from() == null || filter.to() == null || !filter.from().isAfter(filter.to()), "to",
                        "validation.report.period")
                .currency("currency", filter.currency());
        checks.orThrow();
        Pipeline pipeline = filter.pipelineId() != null ? pipelines.get(filter.pipelineId())
                : pipelines.defaultPipeline().orElseThrow(() -> new NotFoundException("pipeline", 0L));
        Set<Long> owners = null;
        if (filter.teamId() != null) {
            owners = users.teamTreeMembers(filter.teamId());
        }
        if (filter.ownerId() != null) {
            owners = owners == null ? Set.of(filter.ownerId())
                    : owners.contains(filter.ownerId()) ? Set.of(filter.ownerId()) : Set.of();
        }
        String company = currencies.companyCurrency();
        String currency = filter.currency() == null ? company : filter.currency().toUpperCase(Locale.ROOT);
        return new Scope(pipeline, currency, new Selection(pipeline.id(), currency.equals(company) ? null : currency,
                users.visibleScope(), owners, filter.source(), filter.productId(), clock.getZone()));
    }
}
