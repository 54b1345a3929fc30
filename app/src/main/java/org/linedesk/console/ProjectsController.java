package org.linedesk.console;

import java.util.List;

import org.linedesk.audit.AuditLog;
import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.project.Project;
import org.linedesk.project.ProjectAdministration;
import org.linedesk.project.ProjectDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The projects page: everyone sees the projects they belong to, with their groups and members;
 * administrators create projects, place groups and people in them and allow hand-overs between two
 * (the same commands as /api/projects, audited the same way).
 */
@Controller
class ProjectsController {

    private final ProjectDirectory projects;
    private final ProjectAdministration administration;
    private final GroupDirectory groups;
    private final AuditLog audit;

    ProjectsController(ProjectDirectory projects, ProjectAdministration administration, GroupDirectory groups,
                       AuditLog audit) {
        this.projects = projects;
        this.administration = administration;
        this.groups = groups;
        this.audit = audit;
    }

    @GetMapping("/projects")
    String page(Model model) {
        Actor me = CurrentActor.get();
        List<Row> rows = projects.all().stream().filter(p -> me.seesProject(p.key()))
                .map(p -> new Row(p, projects.groupsPlacedIn(p.key()).stream().toList(),
                        projects.membersOf(p.key()).stream().sorted().toList()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("handOvers", me.seesAllProjects() ? projects.handOvers() : List.of());
        model.addAttribute("supportGroups", me.seesAllProjects() ? groups.supportGroups() : List.of());
        model.addAttribute("admin", me.seesAllProjects());
        return "projects";
    }

    public record Row(Project project, List<String> groups, List<String> members) {
    }

    @PostMapping("/projects")
    @PreAuthorize("hasRole('ADMIN')")
    String create(@RequestParam String key, @RequestParam String name, @RequestParam(required = false) String ticketPrefix,
                  @RequestParam(required = false) String timeZone, @RequestParam(required = false) String language,
                  @RequestParam(required = false) String firstLine, RedirectAttributes flash) {
        return attempt(flash, "PROJECT_CREATED", "project " + key, "Project '" + key + "' created.",
                () -> administration.create(new ProjectAdministration.NewProject(key.strip(), name, blank(ticketPrefix),
                        blank(timeZone), blank(language), blank(firstLine)), CurrentActor.get().userId()));
    }

    @PostMapping("/projects/{key}/groups")
    @PreAuthorize("hasRole('ADMIN')")
    String addGroup(@PathVariable String key, @RequestParam String group, RedirectAttributes flash) {
        return attempt(flash, "PROJECT_GROUP_ADDED", "project " + key, "Group '" + group + "' is now in project '" + key + "'.",
                () -> administration.addGroup(key, group, CurrentActor.get().userId()));
    }

    @PostMapping("/projects/{key}/members")
    @PreAuthorize("hasRole('ADMIN')")
    String addMember(@PathVariable String key, @RequestParam String user, RedirectAttributes flash) {
        return attempt(flash, "PROJECT_MEMBER_ADDED", "project " + key, "'" + user + "' is now a member of '" + key + "'.",
                () -> administration.addMember(key, user.strip(), CurrentActor.get().userId()));
    }

    @PostMapping("/projects/hand-overs")
    @PreAuthorize("hasRole('ADMIN')")
    String allowHandOver(@RequestParam String from, @RequestParam String to, RedirectAttributes flash) {
        return attempt(flash, "PROJECT_HANDOVER_ALLOWED", "projects " + from + " to " + to,
                "Hand-overs from '" + from + "' to '" + to + "' are allowed.",
                () -> administration.allowHandOver(from, to, CurrentActor.get().userId()));
    }

    /** Runs an administrator's command; a refusal comes back as a message on the page, both are audited. */
    private String attempt(RedirectAttributes flash, String action, String target, String done, Runnable command) {
        String actor = CurrentActor.get().userId();
        try {
            command.run();
            audit.recordNow(actor, action, target, null, AuditLog.OK, target.startsWith("project ") ? target.substring(8) : null);
            flash.addFlashAttribute("success", done);
        } catch (RuntimeException e) {
            String message = Flash.message(e);
            audit.recordNow(actor, action, target, null, "FAILED: " + message,
                    target.startsWith("project ") ? target.substring(8) : null);
            flash.addFlashAttribute("error", message);
        }
        return "redirect:/projects";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
