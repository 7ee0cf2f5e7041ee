package dev.funnel.pipeline;

import dev.funnel.identity.Role;
import dev.funnel.pipeline.internal.ChoiceRepository;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The configurable lists: lead sources and lost reasons. */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class ChoiceService {

    private final ChoiceRepository choices;

    ChoiceService(ChoiceRepository choices) {
        this.choices = choices;
    }

    public List<Choice> leadSources() {
        return choices.active(Choice.LEAD_SOURCE);
    }

    public List<Choice> lostReasons() {
        return choices.active(Choice.LOST_REASON);
    }
}
