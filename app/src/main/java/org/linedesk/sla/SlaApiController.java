package org.linedesk.sla;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.linedesk.audit.Audited;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.Problems;
import org.linedesk.ticket.Priority;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SLA endpoints: the manager's watch list; the definitions versions (reload, list, one version, what
 * changed); SLA repair.
 */
@RestController
@RequestMapping("/api/sla")
class SlaApiController {

    private final SlaClocks clocks;
    private final SlaVersions versions;
    private final SlaRepair repair;
    private final org.linedesk.audit.AuditLog audit;

    SlaApiController(SlaClocks clocks, SlaVersions versions, SlaRepair repair,
                     org.linedesk.audit.AuditLog audit) {
        this.clocks = clocks;
        this.versions = versions;
        this.repair = repair;
        this.audit = audit;
    }

    /** Running clocks already breached or due within {@code within} (ISO-8601, default PT1H), soonest first. */
    @GetMapping("/at-risk")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN', 'AUDITOR')")
    List<SlaClocks.ClockView> atRisk(@RequestParam(defaultValue = "PT1H") String within,
                                     @RequestParam(required = false) String group,
                                     @RequestParam(required = false) Priority priority,
                                     @RequestParam(defaultValue = "200") @Min(1) @Max(2000) int limit) {
        Duration horizon;
        try {
            horizon = Duration.parse(within);
        } catch (RuntimeException e) {
            throw new InvalidInputException("within", "'" + within + "' is not an ISO-8601 duration such as PT1H");
        }
        return clocks.atRisk(horizon, group, priority, limit, org.linedesk.identity.CurrentActor.get());
    }

    @ExceptionHandler(InvalidSlaDefinitionsException.class)
    ProblemDetail invalid(InvalidSlaDefinitionsException e) {
        return Problems.invalidFile("sla-definitions", e.errors());
    }

    /**
     * Re-reads sla-definitions/*.yaml; a file with errors changes nothing and the errors are returned.
     * Files that mean something new become the next version (what changed is in the answer).
     */
    @PostMapping("/definitions/reload")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
    @Audited(value = "SLA_DEFINITIONS_RELOADED", target = "'sla-definitions'", detail = "#result.auditDetail()")
    SlaVersions.Reloaded reload() {
        return versions.reload(org.linedesk.identity.CurrentActor.get().userId());
    }

    /** Every SLA definitions version, newest first, with how many running clocks follow it. */
    @GetMapping("/definitions/versions")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN', 'MANAGER', 'AUDITOR')")
    List<SlaVersions.Summary> versions() {
        return versions.list();
    }

    /** One version: its files as they were loaded, and its policies and calendars. */
    @GetMapping("/definitions/versions/{version}")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN', 'MANAGER', 'AUDITOR')")
    SlaVersions.Detail version(@PathVariable int version) {
        return versions.detail(version);
    }

    /** What changed from version {@code from} (default: the one before) to {@code version}, in words. */
    @GetMapping("/definitions/versions/{version}/changes")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN', 'MANAGER', 'AUDITOR')")
    Map<String, Object> changes(@PathVariable int version, @RequestParam(required = false) Integer from) {
        int base = from == null ? version - 1 : from;
        return Map.of("from", base, "to", version, "changes", versions.changes(base, version));
    }

    /**
     * SLA repair: recomputes the selected tickets' clocks from their history under a version (default
     * the newest). {@code dryRun} (default true) only tells what would change.
     */
    @PostMapping("/repair")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
    SlaRepair.Result repair(@RequestBody RepairRequest request) {
        boolean dryRun = request.dryRun() == null || request.dryRun();
        SlaRepair.Result result = repair.repair(new SlaRepair.Selection(request.numbers(), request.from(), request.to(),
                request.group(), request.priority(), request.policy()), request.version(), dryRun, request.reason(),
                org.linedesk.identity.CurrentActor.get());
        if (!dryRun) {
            audit.record(org.linedesk.audit.AuditLog.currentActor(), "SLA_REPAIR_RUN", "sla-clocks",
                    "version " + result.version() + ", " + result.selected() + " selected, " + result.changed()
                            + " repaired, " + result.failed() + " failed: " + request.reason().strip());
        }
        return result;
    }

    /** What to repair: ticket numbers, or filters (tickets opened in [from, to), group, priority, policy). */
    record RepairRequest(List<String> numbers, java.time.Instant from, java.time.Instant to, String group,
                         Priority priority, String policy, Integer version, Boolean dryRun, String reason) {
    }
}
