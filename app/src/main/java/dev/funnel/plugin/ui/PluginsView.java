package dev.funnel.plugin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.identity.Role;
import dev.funnel.plugin.PluginHost;
import dev.funnel.plugin.PluginInfo;
import jakarta.annotation.security.RolesAllowed;

/** Admin &gt; Plugins: every plugin with its version, state, extensions and, when it fails, why. */
@Route("admin/plugins")
@RolesAllowed(Role.Names.ADMIN)
public class PluginsView extends VerticalLayout implements HasDynamicTitle {

    public PluginsView(PluginHost host) {
        setSizeFull();
        H2 title = new H2(getTranslation("nav.plugins"));
        title.addClassName("funnel-view-title");
        Grid<PluginInfo> grid = new Grid<>();
        grid.addColumn(PluginInfo::id).setHeader(getTranslation("plugin.id"));
        grid.addColumn(PluginInfo::version).setHeader(getTranslation("plugin.version"));
        grid.addColumn(p -> getTranslation("plugin.state." + p.state())).setHeader(getTranslation("plugin.state"));
        grid.addColumn(p -> String.join(", ", p.extensions().stream()
                .map(e -> e.substring(e.lastIndexOf('.') + 1)).toList()))
                .setHeader(getTranslation("plugin.extensions")).setFlexGrow(2);
        grid.addComponentColumn(p -> {
            Span error = new Span(p.error() == null ? "" : p.error());
            error.addClassName("funnel-plugin-error");
            return error;
        }).setHeader(getTranslation("plugin.error")).setFlexGrow(3);
        grid.addComponentColumn(p -> {
            Button open = new Button(getTranslation("plugin.open"),
                    e -> getUI().ifPresent(ui -> ui.navigate("admin/plugins/" + p.id())));
            open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return open;
        }).setKey("open").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        var plugins = host.list();
        grid.setItems(plugins);
        Span empty = new Span(getTranslation("plugin.empty"));
        empty.addClassName("funnel-empty-state");
        empty.setVisible(plugins.isEmpty());
        add(title, empty, grid);
        expand(grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.plugins") + " · " + getTranslation("app.name");
    }
}
