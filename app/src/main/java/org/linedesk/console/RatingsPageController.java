package org.linedesk.console;

import java.time.Clock;
import java.time.ZoneId;

import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.CurrentActor;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.report.RatingList;
import org.linedesk.report.ReportQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The managers' ratings page: the customers' ratings of answers sent in a period, filtered like the
 * reports, with the comment (as text) and a link to the ticket. Agents never see it.
 */
@Controller
@PreAuthorize("hasAnyRole('MANAGER', 'AUDITOR', 'ADMIN')")
class RatingsPageController {

    static final int PAGE_SIZE = 50;

    private final RatingList ratings;
    private final ProjectDirectory projects;
    private final Clock clock;
    private final ZoneId zone;

    RatingsPageController(RatingList ratings, ProjectDirectory projects, Clock clock,
                          @Value("${linedesk.console.zone:UTC}") String zone) {
        this.ratings = ratings;
        this.projects = projects;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/ratings")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String project, @RequestParam(required = false) String group,
                @RequestParam(required = false) String agent, @RequestParam(required = false) String priority,
                @RequestParam(required = false) String channel, @RequestParam(required = false) String quality,
                @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("zone", zone.getId());
        model.addAttribute("projects", projects.all().stream()
                .filter(p -> CurrentActor.get().seesProject(p.key())).toList());
        ReportQuery q;
        RatingList.Scores scores;
        try {
            q = ReportQuery.parse(from, to, zone.getId(), blank(project), blank(group), blank(priority), blank(channel),
                    blank(agent), clock).readBy(CurrentActor.get(), projects);
            scores = RatingList.Scores.parse(quality, null);
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            q = ReportQuery.parse(null, null, zone.getId(), null, null, null, null, null, clock)
                    .readBy(CurrentActor.get(), projects);
            scores = new RatingList.Scores(null, null);
        }
        RatingList.Page found = ratings.list(q, scores, PAGE_SIZE, Math.max(0, page) * PAGE_SIZE);
        model.addAttribute("q", q);
        model.addAttribute("quality", scores.quality());
        model.addAttribute("found", found);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("pages", (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        return "ratings";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
