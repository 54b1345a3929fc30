package org.linedesk.report;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletResponse;
import org.linedesk.audit.AuditLog;
import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.CurrentActor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Auditors only: a ticket's complete record and the audit log, each export itself recorded in the log. */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasRole('AUDITOR')")
class AuditApiController {

    private final AuditExports exports;
    private final AuditLog audit;
    private final Clock clock;

    private final org.linedesk.project.ProjectDirectory projects;

    AuditApiController(AuditExports exports, AuditLog audit, Clock clock, org.linedesk.project.ProjectDirectory projects) {
        this.projects = projects;
        this.exports = exports;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/tickets/{number}")
    void ticket(@PathVariable String number, @RequestParam(required = false) String format,
                @RequestParam(required = false) String zone, @RequestParam(defaultValue = "false") boolean bom,
                HttpServletResponse response) throws IOException {
        ReportFormat f = fileFormat(format);
        ZoneId z = ReportQuery.parse(null, null, zone, null, null, null, null, clock).zone();
        long id = exports.ticketId(number, CurrentActor.get());
        audit.recordNow(CurrentActor.get().userId(), "EXPORT", "ticket " + number, "format " + f.extension()
                + ", zone " + z.getId(), AuditLog.OK, exports.projectOf(number, CurrentActor.get()));
        ReportApiController.download(response, f, "linedesk-" + number + "-history");
        exports.ticketHistory(id, f, z, bom, response.getOutputStream());
    }

    @GetMapping("/log")
    void log(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
             @RequestParam(required = false) String zone, @RequestParam(required = false) String format,
             @RequestParam(defaultValue = "false") boolean bom, HttpServletResponse response) throws IOException {
        ReportFormat f = fileFormat(format);
        ReportQuery q = ReportQuery.parse(from, to, zone, null, null, null, null, clock)
                .readBy(CurrentActor.get(), projects);
        audit.recordNow(CurrentActor.get().userId(), "EXPORT", "audit log", "format " + f.extension() + ", "
                + q.describe(), AuditLog.OK, ReportQuery.single(q));
        ReportApiController.download(response, f, Reports.fileName("audit-log", q));
        response.flushBuffer();
        exports.auditLog(q, f, bom, response.getOutputStream());
    }

    private static ReportFormat fileFormat(String format) {
        ReportFormat f = ReportFormat.parse(format, ReportFormat.XLSX);
        if (f == ReportFormat.JSON) {
            throw new InvalidInputException("format", "is xlsx or csv");
        }
        return f;
    }
}
