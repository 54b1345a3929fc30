package org.linedesk.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.CurrentActor;
import org.linedesk.workflow.DeployedProcesses;
import org.linedesk.workflow.ProcessMigrations;
import org.linedesk.workflow.ProcessStudio;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The process studio's pages: deployed processes and decisions with their versions; a version's diagram
 * with the open tickets per activity; the editor (bpmn-js / dmn-js, drawn by /console/studio/studio.js
 * from the /console-api calls); the comparison of two versions; the migration of running tickets.
 */
@Controller
@PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
class ProcessesController {

    private final DeployedProcesses processes;
    private final ProcessStudio studio;
    private final ProcessMigrations migrations;
    private final org.linedesk.project.ProjectDirectory projects;

    private String visible(String project) {
        return projects.visibleOrShared(project, CurrentActor.get());
    }

    ProcessesController(DeployedProcesses processes, ProcessStudio studio, ProcessMigrations migrations,
                        org.linedesk.project.ProjectDirectory projects) {
        this.projects = projects;
        this.processes = processes;
        this.studio = studio;
        this.migrations = migrations;
    }

    /** The shared versions first, then each project's own (of the projects the reader belongs to). */
    @GetMapping("/processes")
    String page(Model model) {
        org.linedesk.identity.Actor me = CurrentActor.get();
        model.addAttribute("definitions", processes.definitions(me));
        // projects that may get an own version of a shared process (the reader's, but the default project)
        model.addAttribute("ownProjects", projects.all().stream().map(org.linedesk.project.Project::key)
                .filter(p -> !p.equals(org.linedesk.project.Project.DEFAULT) && me.seesProject(p)).toList());
        return "processes";
    }

    @GetMapping("/processes/{key}/versions/{version}")
    String version(@PathVariable String key, @PathVariable int version, @RequestParam(required = false) String project,
                   Model model) {
        DeployedProcesses.Definition definition = processes.version(key, version, visible(project));
        model.addAttribute("d", definition);
        model.addAttribute("versions", definition.project() == null ? processes.versions(key) : List.of(definition));
        model.addAttribute("counts", processes.activityCounts(definition));
        model.addAttribute("studio", true);
        return "process-version";
    }

    /**
     * The editor on the newest version; with {@code project}, on that project's own newest version (its
     * first one starts from the shared newest) and deploying makes the project's next own version.
     */
    @GetMapping("/processes/{key}/edit")
    String edit(@PathVariable String key, @RequestParam(required = false) String project, Model model) {
        String own = visible(project);
        DeployedProcesses.Definition latest = (own == null ? java.util.Optional.<DeployedProcesses.Definition>empty()
                : processes.latest(key, own)).orElseGet(() -> processes.versions(key).get(0));
        model.addAttribute("d", latest);
        model.addAttribute("project", own);
        model.addAttribute("fileName", latest.resource() != null && !latest.resource().contains("/")
                ? latest.resource() : key + (latest.kind() == DeployedProcesses.Kind.process ? ".bpmn" : ".dmn"));
        model.addAttribute("studio", true);
        return "process-edit";
    }

    @GetMapping("/processes/{key}/compare")
    String compare(@PathVariable String key, @RequestParam(required = false) Integer from,
                   @RequestParam(required = false) Integer to, Model model) {
        List<DeployedProcesses.Definition> versions = processes.versions(key);
        int newer = to != null ? to : versions.get(0).version();
        int older = from != null ? from : versions.size() > 1 ? versions.get(1).version() : newer;
        model.addAttribute("key", key);
        model.addAttribute("kind", versions.get(0).kind().name());
        model.addAttribute("versions", versions);
        model.addAttribute("from", older);
        model.addAttribute("to", newer);
        model.addAttribute("diff", studio.compare(key, older, newer));
        model.addAttribute("studio", true);
        return "process-compare";
    }

    @GetMapping("/processes/{key}/migrate")
    String migrate(@PathVariable String key, @RequestParam(required = false) Integer from,
                   @RequestParam(required = false) Integer to, Model model) {
        List<DeployedProcesses.Definition> versions = processes.versions(key);
        int target = to != null ? to : versions.get(0).version();
        Integer source = from != null ? from : versions.stream().filter(v -> v.version() != target && v.running() > 0)
                .map(DeployedProcesses.Definition::version).findFirst().orElse(null);
        model.addAttribute("key", key);
        model.addAttribute("versions", versions);
        model.addAttribute("to", target);
        model.addAttribute("from", source);
        if (source != null && source != target) {
            model.addAttribute("preview", migrations.preview(key, source, target));
        }
        return "process-migrate";
    }

    @PostMapping("/processes/{key}/migrate")
    String runMigration(@PathVariable String key, @RequestParam int from, @RequestParam int to,
                        @RequestParam(defaultValue = "all") String scope, @RequestParam(required = false) String tickets,
                        Model model, RedirectAttributes redirect) {
        List<String> chosen = new ArrayList<>();
        if ("chosen".equals(scope) && tickets != null) {
            Arrays.stream(tickets.split("[\\s,;]+")).filter(s -> !s.isBlank()).forEach(chosen::add);
        }
        ProcessMigrations.Result result;
        try {
            if ("chosen".equals(scope) && chosen.isEmpty()) {
                throw new InvalidInputException("tickets", "name at least one ticket number, or choose all tickets");
            }
            if (!projects.changesSharedProcesses(CurrentActor.get())) {
                // the shared versions run every project's tickets: the default project's process owners move them
                throw new InvalidInputException("from", "the shared versions are the default project's; migrate your "
                        + "project's tickets through /api/processes/" + key + "/migrations with \"project\"");
            }
            result = migrations.migrate(key, from, to, chosen, CurrentActor.get().userId());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.field() + ": " + e.reason());
            return "redirect:/processes/" + key + "/migrate?from=" + from + "&to=" + to;
        }
        if (result.id() != null) {
            return "redirect:/processes/" + key + "/migrations/" + result.id();
        }
        model.addAttribute("key", key);
        model.addAttribute("result", result);
        return "process-migration";
    }

    @GetMapping("/processes/{key}/migrations/{id}")
    String migration(@PathVariable String key, @PathVariable long id, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("result", migrations.status(id, CurrentActor.get()));
        return "process-migration";
    }
}
