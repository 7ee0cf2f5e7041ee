package dev.funnel.pipeline;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Pipelines and their stages: everyone reads them, administrators define them. */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class PipelineService {

    private final PipelineRepository pipelines;
    private final UserService users;

    PipelineService(PipelineRepository pipelines, UserService users) {
        this.pipelines = pipelines;
        this.users = users;
    }

    public List<Pipeline> list() {
        return pipelines.findAll();
    }

    public Pipeline get(long id) {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundException("pipeline", id));
    }

    /** The pipeline new opportunities go to when none is named. */
    public Optional<Pipeline> defaultPipeline() {
        return pipelines.findAll().stream().findFirst();
    }

    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public Pipeline create(NewPipeline pipeline) {
        Checks checks = Checks.start()
                .required("name", pipeline.name())
                .maxLength("name", pipeline.name(), 100)
                .rule(pipeline.name() == null || !pipelines.nameTaken(pipeline.name().trim()), "name",
                        "validation.name.taken")
                .rule(pipeline.stages() != null && !pipeline.stages().isEmpty(), "stages", "validation.stages.empty");
        if (pipeline.stages() != null) {
            var names = new HashSet<String>();
            for (int i = 0; i < pipeline.stages().size(); i++) {
                NewStage stage = pipeline.stages().get(i);
                String field = "stages[" + i + "]";
                checks.required(field + ".nameEn", stage.nameEn())
                        .required(field + ".nameZh", stage.nameZh())
                        .maxLength(field + ".nameEn", stage.nameEn(), 100)
                        .maxLength(field + ".nameZh", stage.nameZh(), 100)
                        .rule(stage.probability() >= 0 && stage.probability() <= 100, field + ".probability",
                                "validation.probability")
                        .rule(stage.nameEn() == null || names.add(stage.nameEn().trim().toLowerCase()),
                                field + ".nameEn", "validation.name.taken");
            }
        }
        checks.orThrow();
        return get(pipelines.insert(pipeline, users.current().id()));
    }
}
