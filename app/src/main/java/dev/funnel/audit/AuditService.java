package dev.funnel.audit;

import dev.funnel.audit.internal.AuditRepository;
import dev.funnel.identity.Role;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit trail, newest first; for administrators only. */
@Service
@Transactional(readOnly = true)
@RolesAllowed(Role.Names.ADMIN)
public class AuditService {

    private final AuditRepository entries;
    private final Clock clock;

    AuditService(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    public PageResult<AuditEntry> find(AuditFilter filter, PageRequest page) {
        return new PageResult<>(entries.find(filter, clock.getZone(), page.offset(), page.limit()),
                entries.count(filter, clock.getZone()), page.page(), page.limit());
    }
}
