package org.linedesk.project;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linedesk.audit.Audited;
import org.linedesk.core.Problems;
import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Projects: everyone sees the projects they belong to (administrators all of them); administrators
 * create projects, place groups and people in them, allow hand-overs between two, and reload
 * processes/projects.yaml.
 */
@RestController
@RequestMapping("/api/projects")
class ProjectApiController {

    private final ProjectDirectory directory;
    private final ProjectAdministration administration;

    ProjectApiController(ProjectDirectory directory, ProjectAdministration administration) {
        this.directory = directory;
        this.administration = administration;
    }

    @GetMapping
    List<ProjectView> list() {
        Actor actor = CurrentActor.get();
        return directory.all().stream().filter(p -> actor.seesProject(p.key())).map(this::view).toList();
    }

    @GetMapping("/{key}")
    ProjectView get(@PathVariable String key) {
        return view(directory.requireVisible(key, CurrentActor.get()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PROJECT_CREATED", target = "'project ' + #request.key()", project = "#request.key()")
    ProjectView create(@RequestBody ProjectAdministration.NewProject request) {
        return view(administration.create(request, CurrentActor.get().userId()));
    }

    @PostMapping("/{key}/groups")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PROJECT_GROUP_ADDED", target = "'project ' + #key", detail = "'group ' + #body['group']", project = "#key")
    ProjectView addGroup(@PathVariable String key, @RequestBody Map<String, String> body) {
        administration.addGroup(key, body.get("group"), CurrentActor.get().userId());
        return view(directory.require(key));
    }

    @PostMapping("/{key}/members")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PROJECT_MEMBER_ADDED", target = "'project ' + #key", detail = "'user ' + #body['user']", project = "#key")
    ProjectView addMember(@PathVariable String key, @RequestBody Map<String, String> body) {
        administration.addMember(key, body.get("user"), CurrentActor.get().userId());
        return view(directory.require(key));
    }

    @DeleteMapping("/{key}/members/{user}")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PROJECT_MEMBER_REMOVED", target = "'project ' + #key", detail = "'user ' + #user", project = "#key")
    ProjectView removeMember(@PathVariable String key, @PathVariable String user) {
        administration.removeMember(key, user, CurrentActor.get().userId());
        return view(directory.require(key));
    }

    @PostMapping("/hand-overs")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PROJECT_HANDOVER_ALLOWED", target = "'projects ' + #body['from'] + ' to ' + #body['to']")
    Map<String, String> allowHandOver(@RequestBody Map<String, String> body) {
        administration.allowHandOver(body.get("from"), body.get("to"), CurrentActor.get().userId());
        return Map.of("from", body.get("from"), "to", body.get("to"));
    }

    @PostMapping("/reload")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PROJECTS_RELOADED", target = "'processes/projects.yaml'", detail = "'projects ' + #result['projects']")
    Map<String, Object> reload() {
        return Map.of("projects", administration.reload(CurrentActor.get().userId()));
    }

    @ExceptionHandler(InvalidProjectsException.class)
    ProblemDetail invalid(InvalidProjectsException e) {
        return Problems.invalidFile(ProjectsFile.FILE, e.errors());
    }

    private ProjectView view(Project p) {
        Set<String> groups = directory.groupsPlacedIn(p.key());
        return new ProjectView(p.key(), p.name(), p.ticketPrefix(), p.timeZone().getId(), p.language(), p.firstLine(),
                groups, directory.membersOf(p.key()));
    }

    record ProjectView(String key, String name, String ticketPrefix, String timeZone, String language, String firstLine,
                       Set<String> groups, Set<String> members) {
    }
}
