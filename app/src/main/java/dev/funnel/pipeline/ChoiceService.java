package dev.funnel.pipeline;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
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
    private final UserService users;

    private final dev.funnel.audit.AuditLog audit;

    ChoiceService(ChoiceRepository choices, UserService users,
            dev.funnel.audit.AuditLog audit) {
        this.audit = audit;
        this.choices = choices;
        this.users = users;
    }

    public List<Choice> leadSources() {
        return choices.active(Choice.LEAD_SOURCE);
    }

    public List<Choice> lostReasons() {
        return choices.active(Choice.LOST_REASON);
    }

    /** Adds a lead source or lost reason (or brings back a retired one). */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public List<Choice> add(Choice choice) {
        Checks.start()
                .rule(Choice.LEAD_SOURCE.equals(choice.kind()) || Choice.LOST_REASON.equals(choice.kind()), "kind",
                        "validation.choice.kind")
                .required("code", choice.code())
                .rule(choice.code() == null || choice.code().matches("[a-z0-9-]{1,60}"), "code", "validation.choice.code")
                .required("labelEn", choice.labelEn()).maxLength("labelEn", choice.labelEn(), 100)
                .required("labelZh", choice.labelZh()).maxLength("labelZh", choice.labelZh(), 100)
                .orThrow();
        choices.add(new Choice(choice.kind(), choice.code(), choice.labelEn().trim(), choice.labelZh().trim()),
                users.current().id());
        audit.record("settings.lists", choice.kind(), choice.code(), "added: " + choice.labelEn() + " / "
                + choice.labelZh());
        return choices.active(choice.kind());
    }

    /** Retires an entry; opportunities that use it keep it. */
    @Transactional
    @RolesAllowed(Role.Names.ADMIN)
    public List<Choice> retire(String kind, String code) {
        if (!choices.retire(kind, code, users.current().id())) {
            throw new NotFoundException("choice", kind + "/" + code);
        }
        audit.record("settings.lists", kind, code, "retired");
        return choices.active(kind);
    }
}
