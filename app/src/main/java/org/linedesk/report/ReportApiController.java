package org.linedesk.report;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;
import org.linedesk.audit.AuditLog;
import org.linedesk.identity.CurrentActor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/{report}}: the KPIs as JSON for dashboards, any report as XLSX or CSV
 * streamed to the client. Every file export is recorded in the audit log before it starts.
 */
@RestController
@RequestMapping("/api/reports")
@PreAuthorize("hasAnyRole('MANAGER', 'AUDITOR', 'ADMIN')")
class ReportApiController {

    private final Reports reports;
    private final AuditLog audit;
    private final Clock clock;

    private final org.linedesk.project.ProjectDirectory projects;

    ReportApiController(Reports reports, AuditLog audit, Clock clock, org.linedesk.project.ProjectDirectory projects) {
        this.projects = projects;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/{report}")
    Object report(@PathVariable String report,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String zone, @RequestParam(required = false) String group,
                  @RequestParam(required = false) String priority, @RequestParam(required = false) String channel,
                  @RequestParam(required = false) String agent, @RequestParam(required = false) String project,
                  @RequestParam(required = false) String format,
                  @RequestParam(defaultValue = "false") boolean bom, HttpServletResponse response) throws IOException {
        Reports.requireKnown(report);
        ReportFormat f = ReportFormat.parse(format, report.equals("kpis") ? ReportFormat.JSON : ReportFormat.XLSX);
        ReportQuery q = ReportQuery.parse(from, to, zone, project, group, priority, channel, agent, clock)
                .readBy(CurrentActor.get(), projects);
        if (f == ReportFormat.JSON) {
            return reports.json(report, q);
        }
        audit.recordNow(CurrentActor.get().userId(), "EXPORT", "report " + report,
                "format " + f.extension() + ", " + q.describe(), AuditLog.OK, ReportQuery.single(q));
        download(response, f, Reports.fileName(report, q));
        response.flushBuffer(); // the download starts now; an XLSX is zipped once its rows are written
        reports.write(report, q, f, bom, response.getOutputStream());
        return null;
    }

    static void download(HttpServletResponse response, ReportFormat format, String baseName) {
        response.setContentType(format.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(baseName + "." + format.extension()).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
