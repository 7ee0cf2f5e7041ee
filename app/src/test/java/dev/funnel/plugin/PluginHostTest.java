package dev.funnel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.plugin.api.ExitCriterion;
import dev.funnel.plugin.api.StageTemplate;
import dev.funnel.testsupport.IntegrationTest;
import java.util.Locale;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.PluginManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The host loads the real, built stage-templates jar from the distribution's plugins folder. */
class PluginHostTest extends IntegrationTest {

    @Autowired
    PluginHost host;
    @Autowired
    StageTemplateCatalog catalog;
    @Autowired
    ExtensionGuard guard;
    @Autowired
    PluginManager pluginManager;

    @Test
    void the_bundled_plugin_is_started_with_its_extension_and_no_error() {
        signIn("admin");

        PluginInfo plugin = host.list().stream().filter(p -> p.id().equals("stage-templates")).findFirst().orElseThrow();

        assertThat(plugin.state()).isEqualTo("STARTED");
        assertThat(plugin.version()).isEqualTo("1.0.0");
        assertThat(plugin.requires()).contains("1.0.0");
        assertThat(plugin.extensions()).anyMatch(e -> e.endsWith("IndustryStageTemplates"));
        assertThat(plugin.error()).isNull();
    }

    @Test
    void a_zip_plugin_unpacked_by_an_earlier_start_is_loaded_once_with_its_libraries() {
        signIn("admin");

        // every test context starts on the same plugins folder: from the second on, the zip's folder is there too
        assertThat(host.list()).extracting(PluginInfo::id, PluginInfo::state)
                .contains(org.assertj.core.groups.Tuple.tuple("win-probability", "STARTED"))
                .noneMatch(info -> "FAILED".equals(info.toList().get(1)));
        PluginInfo plugin = host.list().stream().filter(p -> p.id().equals("win-probability")).findFirst()
                .orElseThrow();
        assertThat(plugin.extensions()).anyMatch(e -> e.endsWith("WinProbabilityScorer"));
        assertThat(plugin.error()).isNull();
    }

    @Test
    void templates_of_the_plugin_reach_the_app_in_both_languages() {
        signIn("admin");

        StageTemplate saas = catalog.find("high-tech-saas").orElseThrow();

        assertThat(saas.name().in(Locale.SIMPLIFIED_CHINESE)).contains("高科技");
        assertThat(saas.stages()).hasSizeBetween(5, 7);
        assertThat(saas.stages().get(1).exitCriteria()).extracting(c -> c.text().en())
                .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("budget"));
        assertThat(saas.stages()).allSatisfy(s -> assertThat(s.exitCriteria()).isNotEmpty()
                .anyMatch(ExitCriterion::isChecklistItem));
        assertThat(catalog.templates()).extracting(StageTemplate::id)
                .contains("high-tech-saas", "manufacturing", "modern-services");
    }

    @Test
    void a_failing_extension_is_contained_logged_and_shown_against_its_plugin() {
        ExtensionGuard guard = new ExtensionGuard(pluginManager, Duration.ofSeconds(2));
        Optional<String> result = guard.call(new Object(), e -> {
            throw new IllegalStateException("boom");
        });

        assertThat(result).isEmpty();
        assertThat(guard.lastFailures()).containsKey("(host)");
        assertThat(guard.lastFailures().get("(host)")).contains("IllegalStateException: boom");
    }

    @Test
    void an_extension_answering_null_counts_as_a_failure() {
        ExtensionGuard guard = new ExtensionGuard(pluginManager, Duration.ofSeconds(2));

        assertThat(guard.call(new Object(), e -> null)).isEmpty();
        assertThat(guard.lastFailures().get("(host)")).contains("answered null");
    }

    @Test
    void a_plugin_failing_three_times_in_a_row_is_skipped_for_a_while() {
        ExtensionGuard guard = new ExtensionGuard(pluginManager, Duration.ofSeconds(2));
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < ExtensionGuard.FAILURES_BEFORE_SUSPENSION + 2; i++) {
            guard.call(new Object(), e -> {
                calls.incrementAndGet();
                throw new IllegalStateException("still broken");
            });
        }

        assertThat(calls).hasValue(ExtensionGuard.FAILURES_BEFORE_SUSPENSION);
        assertThat(guard.lastFailures().get("(host)")).contains("skipped until");
    }

    @Test
    void an_event_listener_that_fails_or_whose_plugin_is_suspended_counts_as_missed_so_the_event_is_kept() {
        ExtensionGuard guard = new ExtensionGuard(pluginManager, Duration.ofSeconds(2));
        assertThat(guard.callEach(dev.funnel.plugin.api.DomainEventListener.class, listener -> { }))
                .as("the webhooks and im-notify plugins' listeners took it").isZero();
        assertThat(guard.callEach(dev.funnel.plugin.api.DomainEventListener.class, listener -> {
            throw new IllegalStateException("database away");
        })).as("both listeners missed it").isEqualTo(2);

        for (int i = 0; i < ExtensionGuard.FAILURES_BEFORE_SUSPENSION; i++) {
            guard.callPlugin("webhooks", dev.funnel.plugin.api.DeliveryHandler.class, handler -> {
                throw new IllegalStateException("still broken");
            });
        }
        AtomicInteger calls = new AtomicInteger();

        assertThat(guard.callEach(dev.funnel.plugin.api.DomainEventListener.class, listener -> calls.incrementAndGet()))
                .as("suspended: its listener misses the event").isEqualTo(1);
        assertThat(calls).as("the other plugin's listener still hears it").hasValue(1);
    }

    @Test
    void a_slow_extension_is_cut_off_at_the_time_limit() {
        ExtensionGuard guard = new ExtensionGuard(pluginManager, Duration.ofSeconds(2));
        long started = System.nanoTime();
        Optional<String> result = guard.call(new Object(), e -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return "too late";
        });

        assertThat(result).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(30);
        assertThat(guard.lastFailures().get("(host)")).contains("did not answer");
    }

    @Test
    void only_administrators_may_list_plugins() {
        var rep = data.user(dev.funnel.identity.Role.SALES_REP, null);
        signIn(rep.username());

        assertThatThrownBy(() -> host.list()).isInstanceOf(AccessDeniedException.class);
    }
}
