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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SLA endpoints: the manager's watch list and the process owner's reload of the definitions. */
@RestController
@RequestMapping("/api/sla")
class SlaApiController {

    private final SlaClocks clocks;
    private final SlaCatalog catalog;

    SlaApiController(SlaClocks clocks, SlaCatalog catalog) {
        this.clocks = clocks;
        this.catalog = catalog;
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

    /** Re-reads sla-definitions/*.yaml; a file with errors changes nothing and the errors are returned. */
    @PostMapping("/definitions/reload")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
    @Audited(value = "SLA_DEFINITIONS_RELOADED", target = "'sla-definitions'",
            detail = "'calendars ' + #result['calendars'] + ', policies ' + #result['policies']")
    Map<String, Object> reload() {
        SlaDefinitions loaded = catalog.reload();
        return Map.of("calendars", loaded.calendars().keySet(),
                "policies", loaded.policies().stream().map(SlaPolicy::id).toList());
    }
}
