package org.linedesk.report;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;
import org.linedesk.audit.AuditLog;
import org.linedesk.identity.CurrentActor;
import org.linedesk.project.ProjectDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ratings}: the customers' ratings, for managers (and auditors and administrators);
 * agents get 403 — ratings are not shown to the people rated. JSON by page, or the whole selection as
 * XLSX/CSV (recorded in the audit log).
 */
@RestController
@RequestMapping("/api/ratings")
@PreAuthorize("hasAnyRole('MANAGER', 'AUDITOR', 'ADMIN')")
class RatingApiController {

    private final RatingList ratings;
    private final ProjectDirectory projects;
    private final AuditLog audit;
    private final Clock clock;

    RatingApiController(RatingList ratings, ProjectDirectory projects, AuditLog audit, Clock clock) {
        this.ratings = ratings;
        this.projects = projects;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    Object list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String zone, @RequestParam(required = false) String project,
                @RequestParam(required = false) String group, @RequestParam(required = false) String agent,
                @RequestParam(required = false) String priority, @RequestParam(required = false) String channel,
                @RequestParam(required = false) String quality, @RequestParam(required = false) String speed,
                @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset,
                @RequestParam(required = false) String format, @RequestParam(defaultValue = "false") boolean bom,
                HttpServletResponse response) throws IOException {
        ReportQuery q = ReportQuery.parse(from, to, zone, project, group, priority, channel, agent, clock)
                .readBy(CurrentActor.get(), projects);
        RatingList.Scores scores = RatingList.Scores.parse(quality, speed);
        ReportFormat f = ReportFormat.parse(format, ReportFormat.JSON);
        if (f == ReportFormat.JSON) {
            return ratings.list(q, scores, limit, offset);
        }
        audit.recordNow(CurrentActor.get().userId(), "EXPORT", "ratings", "format " + f.extension() + ", " + q.describe(),
                AuditLog.OK, ReportQuery.single(q));
        ReportApiController.download(response, f, Reports.fileName("ratings", q));
        response.flushBuffer();
        ratings.write(q, scores, f, bom, response.getOutputStream());
        return null;
    }
}
