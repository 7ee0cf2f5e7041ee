package dev.funnel.plugin.web;

import dev.funnel.plugin.PluginHost;
import dev.funnel.plugin.PluginInfo;
import dev.funnel.plugin.StageTemplateCatalog;
import dev.funnel.plugin.api.StageTemplate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Plugins")
class PluginController {

    private final PluginHost host;
    private final StageTemplateCatalog templates;

    PluginController(PluginHost host, StageTemplateCatalog templates) {
        this.host = host;
        this.templates = templates;
    }

    @GetMapping("/stage-templates")
    @Operation(summary = "The stage templates that loaded plugins provide")
    List<StageTemplate> stageTemplates() {
        return templates.templates();
    }

    @GetMapping("/admin/plugins")
    @Operation(summary = "Every plugin with id, version, state, extensions and error (administrators only)")
    List<PluginInfo> plugins() {
        return host.list();
    }
}
