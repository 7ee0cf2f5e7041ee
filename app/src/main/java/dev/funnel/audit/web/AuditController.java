package dev.funnel.audit.web;

import dev.funnel.audit.AuditEntry;
import dev.funnel.audit.AuditFilter;
import dev.funnel.audit.AuditService;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for administrators' tools (a SIEM, a nightly archive), newest first. */
@RestController
@RequestMapping("/api/v1/admin/audit")
@Tag(name = "Audit")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Audit entries, newest first (administrators only). from and to are days (ISO, "
            + "inclusive) in the server's time zone; actor is a user name (any case); action is an action or its "
            + "start, e.g. sign-in for sign-in.succeeded, sign-in.failed, sign-in.paused and sign-in.unlocked")
    PageResult<AuditEntry> list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                LocalDate to,
                                @RequestParam(required = false) String actor,
                                @RequestParam(required = false) String action,
                                @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "50") int size) {
        return audit.find(new AuditFilter(from, to, actor, action), PageRequest.of(page, size));
    }
}
