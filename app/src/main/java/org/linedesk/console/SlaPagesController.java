package org.linedesk.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import org.linedesk.audit.AuditLog;
import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.CurrentActor;
import org.linedesk.sla.InvalidSlaDefinitionsException;
import org.linedesk.sla.SlaRepair;
import org.linedesk.sla.SlaVersions;
import org.linedesk.ticket.Priority;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The SLA pages: the definitions versions (what changed in each, two compared, the files of one, the
 * reload), readable by process owners, managers and auditors; and SLA repair for process owners, a
 * preview of what would change and the button that applies it (the same service as /api/sla/repair).
 */
@Controller
class SlaPagesController {

    private final SlaVersions versions;
    private final SlaRepair repair;
    private final AuditLog audit;
    private final ZoneId zone;

    SlaPagesController(SlaVersions versions, SlaRepair repair, AuditLog audit,
                       @Value("${linedesk.console.zone:UTC}") String zone) {
        this.versions = versions;
        this.repair = repair;
        this.audit = audit;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/sla")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN', 'MANAGER', 'AUDITOR')")
    String page(@RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to, Model model) {
        List<SlaVersions.Summary> all = versions.list();
        model.addAttribute("versions", all);
        if (from != null && to != null) {
            model.addAttribute("from", from);
            model.addAttribute("to", to);
            try {
                model.addAttribute("comparison", versions.changes(from, to));
            } catch (org.linedesk.core.NotFoundException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        return "sla";
    }

    @GetMapping("/sla/versions/{version}")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN', 'MANAGER', 'AUDITOR')")
    String version(@PathVariable int version, Model model) {
        model.addAttribute("v", versions.detail(version));
        return "sla-version";
    }

    @PostMapping("/sla/reload")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
    String reload(RedirectAttributes flash) {
        String by = CurrentActor.get().userId();
        try {
            SlaVersions.Reloaded loaded = versions.reload(by);
            audit.record(by, "SLA_DEFINITIONS_RELOADED", "sla-definitions", loaded.auditDetail());
            flash.addFlashAttribute("success", loaded.changed()
                    ? "Version " + loaded.version() + " loaded: new tickets follow it; running clocks keep theirs."
                    : "The files mean what version " + loaded.version() + " means: nothing changed.");
        } catch (InvalidSlaDefinitionsException e) {
            audit.record(by, "SLA_DEFINITIONS_RELOADED", "sla-definitions", String.join("; ", e.errors()), "FAILED: invalid files");
            flash.addFlashAttribute("error", "Nothing changed, the files have errors: " + String.join("; ", e.errors()));
        }
        return "redirect:/sla";
    }

    @GetMapping("/sla/repair")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
    String repairForm(Model model) {
        form(model, new RepairForm(null, null, null, null, null, null, null, null));
        return "sla-repair";
    }

    /** {@code apply} absent: the preview (a dry run); present: the repair, which needs a reason. */
    @PostMapping("/sla/repair")
    @PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
    String repair(@RequestParam(required = false) String numbers, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(required = false) String group,
                  @RequestParam(required = false) String priority, @RequestParam(required = false) String policy,
                  @RequestParam(required = false) Integer version, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String apply, Model model) {
        RepairForm form = new RepairForm(numbers, from, to, group, priority, policy, version, reason);
        form(model, form);
        try {
            SlaRepair.Selection selection = new SlaRepair.Selection(
                    numbers == null ? List.of() : Arrays.asList(numbers.split("[\\s,;]+")),
                    day("from", from), endOfDay(to), blank(group), priority(priority), blank(policy));
            model.addAttribute("result", repair.repair(selection, version, apply == null, reason, CurrentActor.get()));
        } catch (InvalidInputException | org.linedesk.core.NotFoundException e) {
            model.addAttribute("error", Flash.message(e));
        }
        return "sla-repair";
    }

    /** What was typed, shown again with the result. */
    record RepairForm(String numbers, String from, String to, String group, String priority, String policy,
                      Integer version, String reason) {
    }

    private void form(Model model, RepairForm form) {
        model.addAttribute("form", form);
        model.addAttribute("versions", versions.list());
        model.addAttribute("zone", zone.getId());
    }

    private Instant day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a date like 2026-11-30");
        }
    }

    /** The form's "to" is the last day counted. */
    private Instant endOfDay(String text) {
        Instant start = day("to", text);
        return start == null ? null : start.atZone(zone).plusDays(1).toInstant();
    }

    private static Priority priority(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Priority.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("priority", "'" + text + "' is not one of P1..P5");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
