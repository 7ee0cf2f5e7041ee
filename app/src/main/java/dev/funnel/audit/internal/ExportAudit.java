package dev.funnel.audit.internal;

import dev.funnel.audit.AuditLog;
import dev.funnel.platform.ExportWritten;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every list download into the trail: who exported which list, in which format, how many rows. */
@Component
class ExportAudit {

    private final AuditLog audit;

    ExportAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void exported(ExportWritten export) {
        audit.record("export", "list", export.list(), export.format() + ", " + export.rows() + " rows"
                + (export.completed() ? "" : ", broken off before the end"));
    }
}
