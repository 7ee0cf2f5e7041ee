package dev.funnel.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Supplies industry sales processes. The host calls it when an administrator lists templates; it should return
 * quickly and must not keep state between calls.
 *
 * @since 1.0.0
 */
public interface StageTemplateProvider extends ExtensionPoint {

    /**
     * The templates this plugin offers.
     *
     * @return the templates, never {@code null}
     * @since 1.0.0
     */
    List<StageTemplate> templates();
}
