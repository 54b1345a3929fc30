package org.linedesk.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.linedesk.audit.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The auditor's view of the audit log: who did what, when, from where, and how it ended; newest first. */
@Controller
@PreAuthorize("hasRole('AUDITOR')")
class AuditPageController {

    static final int SHOWN = 500;

    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;

    AuditPageController(AuditLog audit, Clock clock, @Value("${linedesk.console.zone:UTC}") String zone) {
        this.audit = audit;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/audit")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String actor, @RequestParam(required = false) String action, Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate first = date(from, today.minusDays(6), "from", model);
        LocalDate last = date(to, today, "to", model);
        if (last.isBefore(first)) {
            model.addAttribute("error", "'to' (" + last + ") is before 'from' (" + first + ").");
            last = first;
        }
        org.linedesk.identity.Actor me = org.linedesk.identity.CurrentActor.get();
        AuditLog.Scope scope = org.linedesk.report.AuditExports.auditScope(me.seesAllProjects() ? null : me.projects());
        model.addAttribute("entries", audit.search(first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(), actor, action, SHOWN, scope));
        model.addAttribute("actions", audit.actions());
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("shown", SHOWN);
        return "audit";
    }

    private static LocalDate date(String value, LocalDate otherwise, String field, Model model) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            model.addAttribute("error", "'" + field + "' must be a date like 2026-12-01.");
            return otherwise;
        }
    }
}
