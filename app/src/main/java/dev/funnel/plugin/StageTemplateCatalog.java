package dev.funnel.plugin;

import dev.funnel.identity.Role;
import dev.funnel.pipeline.StageTemplateSource;
import dev.funnel.plugin.api.StageTemplate;
import dev.funnel.plugin.api.StageTemplateProvider;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/** The stage templates of every loaded plugin, gathered through the guard. */
@Service
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class StageTemplateCatalog implements StageTemplateSource {

    private final ExtensionGuard guard;

    StageTemplateCatalog(ExtensionGuard guard) {
        this.guard = guard;
    }

    @Override
    public List<StageTemplate> templates() {
        return guard.callAll(StageTemplateProvider.class,
                        provider -> provider.templates().stream().filter(Objects::nonNull).toList()).stream()
                .flatMap(List::stream)
                .sorted(Comparator.comparing(StageTemplate::id))
                .toList();
    }

}
