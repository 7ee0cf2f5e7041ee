package dev.funnel.plugin.internal;

import dev.funnel.plugin.PluginSettingsService;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** At start-up, seals the plugin secrets an earlier version stored in plain text. */
@Component
class SecretsAtRest {

    private static final Logger log = LoggerFactory.getLogger(SecretsAtRest.class);

    private final PluginManager plugins;
    private final PluginSettingsService settings;

    SecretsAtRest(PluginManager plugins, PluginSettingsService settings) {
        this.plugins = plugins;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sealPlainSecrets() {
        for (PluginWrapper plugin : plugins.getPlugins()) {
            if (plugin.getPluginState() == PluginState.STARTED) {
                int sealed = settings.sealStoredSecrets(plugin.getPluginId());
                if (sealed > 0) {
                    log.info("Sealed the secrets of {} records of plugin '{}' stored in plain text", sealed,
                            plugin.getPluginId());
                }
            }
        }
    }
}
