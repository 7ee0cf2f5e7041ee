package dev.funnel.plugin.ui;

import com.vaadin.flow.component.Component;
import java.util.List;
import java.util.Locale;

/**
 * What another module shows on a plugin's page for what the plugin offers it, for example how a scoring
 * plugin's model did. A Spring bean; the plugin page shows the sections of every such bean, above the settings.
 */
public interface PluginPageSection {

    /** The components to show on the page of this plugin; empty when this module has nothing to say about it. */
    List<Component> sectionsFor(String pluginId, Locale locale);
}
