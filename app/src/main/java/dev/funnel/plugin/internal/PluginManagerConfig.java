package dev.funnel.plugin.internal;

import dev.funnel.FunnelApplication;
import dev.funnel.plugin.api.PluginApi;
import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.SingletonExtensionFactory;
import org.pf4j.PluginManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PluginManagerConfig {

    /**
     * unloadPlugins, not stopPlugins, on shutdown: stopPlugins throws ConcurrentModificationException in PF4J
     * 3.15.0; unloadPlugins stops each plugin first.
     */
    @Bean(destroyMethod = "unloadPlugins")
    PluginManager pluginManager(@Value("${funnel.plugins-dir:}") String pluginsDir) {
        DefaultPluginManager manager = new DefaultPluginManager(pluginsDirectory(pluginsDir)) {
            // one instance per extension class: an extension keeps its state (its context, its threads)
            // between calls, as a plugin author expects
            @Override
            protected ExtensionFactory createExtensionFactory() {
                return new SingletonExtensionFactory(this);
            }
        };
        // plugins declare the API range they need in Plugin-Requires; the host is the API's version
        manager.setSystemVersion(PluginApi.VERSION);
        return manager;
    }

    /** FUNNEL_PLUGINS_DIR when set, otherwise plugins/ beside funnel.jar, wherever it is started from. */
    static Path pluginsDirectory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return new ApplicationHome(FunnelApplication.class).getDir().toPath().resolve("plugins").normalize();
    }
}
