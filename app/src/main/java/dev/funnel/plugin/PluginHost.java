package dev.funnel.plugin;

import dev.funnel.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Service;

/**
 * Loads every plugin in the plugins directory at start-up, one at a time, so that one broken file is listed as
 * failed with its reason while the others and the app start normally.
 */
@Service
@RolesAllowed(Role.Names.ADMIN)
public class PluginHost implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final PluginManager plugins;
    private final ExtensionGuard guard;
    private final Map<String, String> unloadable = new ConcurrentHashMap<>();

    PluginHost(PluginManager plugins, ExtensionGuard guard) {
        this.plugins = plugins;
        this.guard = guard;
    }

    @Override
    public void afterPropertiesSet() {
        Path directory = plugins.getPluginsRoot();
        if (!Files.isDirectory(directory)) {
            log.info("No plugins directory at {}: starting without plugins", directory);
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            // a zip plugin is unpacked into a folder of its name (again when the zip is newer): load the zip,
            // not the folder, or the same plugin is loaded twice and the second fails
            files.filter(p -> (Files.isDirectory(p) && !Files.exists(p.resolveSibling(p.getFileName() + ".zip")))
                            || p.toString().endsWith(".jar") || p.toString().endsWith(".zip"))
                    .sorted()
                    .forEach(this::load);
        } catch (java.io.IOException e) {
            log.error("Could not read the plugins directory {}: {}", directory, e.getMessage());
        }
        for (PluginWrapper plugin : plugins.getPlugins()) {
            if (plugin.getPluginState() == PluginState.RESOLVED) {
                try {
                    plugins.startPlugin(plugin.getPluginId());
                } catch (RuntimeException e) {
                    log.error("Plugin '{}' failed to start: {}", plugin.getPluginId(), e.getMessage());
                }
            }
        }
        log.info("Plugins from {}: {}", directory, list().stream().map(p -> p.id() + " " + p.state()).toList());
    }

    private void load(Path file) {
        try {
            plugins.loadPlugin(file);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            unloadable.put(file.getFileName().toString(), reason);
            log.error("Plugin file {} could not be loaded: {}", file.getFileName(), reason);
        }
    }

    /** Every plugin, working or not, for Admin &gt; Plugins and the REST API. */
    public List<PluginInfo> list() {
        List<PluginInfo> result = new ArrayList<>();
        Map<String, String> failures = guard.lastFailures();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            var descriptor = plugin.getDescriptor();
            List<String> extensions = new ArrayList<>();
            Set<String> classes = plugins.getExtensionClassNames(plugin.getPluginId());
            for (String className : classes) {
                extensions.add(className);
            }
            extensions.sort(Comparator.naturalOrder());
            result.add(new PluginInfo(plugin.getPluginId(), descriptor.getVersion(), plugin.getPluginState().name(),
                    descriptor.getPluginDescription(), descriptor.getProvider(), descriptor.getRequires(), extensions,
                    errorOf(plugin, failures.get(plugin.getPluginId()))));
        }
        unloadable.forEach((file, reason) ->
                result.add(new PluginInfo(file, "", "FAILED", "", "", "", List.of(), reason)));
        result.sort(Comparator.comparing(PluginInfo::id));
        return result;
    }

    private String errorOf(PluginWrapper plugin, String callFailure) {
        if (plugin.getPluginState() == PluginState.FAILED && plugin.getFailedException() != null) {
            return plugin.getFailedException().getMessage();
        }
        if (plugin.getPluginState() == PluginState.DISABLED) {
            boolean compatible = plugins.getVersionManager().checkVersionConstraint(plugins.getSystemVersion(),
                    plugin.getDescriptor().getRequires());
            return compatible
                    ? "switched off in disabled.txt or enabled.txt of the plugins folder"
                    : "requires plugin API " + plugin.getDescriptor().getRequires() + ", this Funnel provides "
                            + plugins.getSystemVersion();
        }
        return callFailure;
    }
}
