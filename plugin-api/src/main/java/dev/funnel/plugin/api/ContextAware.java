package dev.funnel.plugin.api;

/**
 * Implemented by an extension that needs the host's {@link PluginContext}. The host calls {@link #attach} once,
 * before any other call to the extension.
 *
 * @since 1.1.0
 */
public interface ContextAware {

    /**
     * Hands over the context of the extension's plugin.
     *
     * @param context the context; keep it for later calls
     * @since 1.1.0
     */
    void attach(PluginContext context);
}
