package dev.funnel.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/** A broken or incompatible plugin is listed as failed with its reason; the good one beside it still starts. */
class BrokenPluginTest {

    @TempDir
    Path plugins;

    @Test
    void broken_and_incompatible_plugins_are_listed_with_reasons_and_the_good_one_starts() throws IOException {
        Files.copy(Path.of(System.getProperty("funnel.dist", "target/dist"), "plugins", "stage-templates.jar"),
                plugins.resolve("stage-templates.jar"));
        Files.writeString(plugins.resolve("garbage.jar"), "this is not a jar");
        writePluginJar(plugins.resolve("future.jar"), "future-plugin", ">=2.0.0");

        PluginManager manager = new DefaultPluginManager(plugins);
        manager.setSystemVersion(dev.funnel.plugin.api.PluginApi.VERSION);
        PluginHost host = new PluginHost(manager, new ExtensionGuard(manager, Duration.ofSeconds(2)));
        try {
            host.afterPropertiesSet();

            var byId = host.list().stream().collect(java.util.stream.Collectors.toMap(PluginInfo::id, p -> p));
            assertThat(byId.get("stage-templates").state()).isEqualTo("STARTED");
            assertThat(byId.get("garbage.jar").state()).isEqualTo("FAILED");
            assertThat(byId.get("garbage.jar").error()).isNotBlank();
            assertThat(byId.get("future-plugin").state()).isEqualTo("DISABLED");
            assertThat(byId.get("future-plugin").error()).contains(">=2.0.0").contains(dev.funnel.plugin.api.PluginApi.VERSION);
        } finally {
            manager.unloadPlugins();
        }
    }

    private static void writePluginJar(Path jar, String id, String requires) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", id);
        attributes.putValue("Plugin-Version", "0.1.0");
        attributes.putValue("Plugin-Requires", requires);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // an empty plugin: only its manifest matters here
        }
    }
}
