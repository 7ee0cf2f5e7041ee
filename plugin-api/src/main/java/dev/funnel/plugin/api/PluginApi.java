package dev.funnel.plugin.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this API, which the host announces to PF4J as its system version, so that a plugin whose
 * {@code Plugin-Requires} range excludes it is refused with a clear reason instead of failing later.
 *
 * @since 1.0.0
 */
public final class PluginApi {

    /** The semantic version of the plugin API, for example {@code 1.0.0}. @since 1.0.0 */
    public static final String VERSION = readVersion();

    private PluginApi() {
    }

    private static String readVersion() {
        try (InputStream in = PluginApi.class.getResourceAsStream("plugin-api.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("plugin-api.properties is missing from the plugin API jar", e));
        }
    }
}
