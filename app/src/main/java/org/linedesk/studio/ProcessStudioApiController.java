package org.linedesk.studio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.linedesk.core.ForbiddenException;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.Problems;
import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.workflow.DeployedProcesses;
import org.linedesk.workflow.InvalidModelException;
import org.linedesk.workflow.ModelComparison;
import org.linedesk.workflow.ModelProblem;
import org.linedesk.workflow.ProcessMigrations;
import org.linedesk.workflow.ProcessModelCheck;
import org.linedesk.workflow.ProcessStudio;
import org.linedesk.workflow.ProcessVocabulary;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The process studio's API: processes and decisions with their versions, models, open tickets per
 * activity, validation, deployment, comparison and migration of running tickets. Process owners and
 * admins only. Served twice: under /api (HTTP Basic, stateless) and under /console-api for the
 * console's pages (the session, with CSRF) — the same calls.
 */
@RestController
@RequestMapping({"/api/processes", "/console-api/processes"})
@PreAuthorize("hasAnyRole('PROCESS_OWNER', 'ADMIN')")
class ProcessStudioApiController {

    private final DeployedProcesses deployed;
    private final ProcessStudio studio;
    private final ProcessMigrations migrations;
    private final GroupDirectory groups;
    private final ProjectDirectory projects;

    ProcessStudioApiController(DeployedProcesses deployed, ProcessStudio studio, ProcessMigrations migrations,
                               GroupDirectory groups, ProjectDirectory projects) {
        this.projects = projects;
        this.deployed = deployed;
        this.studio = studio;
        this.migrations = migrations;
        this.groups = groups;
    }

    record VersionView(int version, String id, java.time.Instant deployedAt, String deployedBy, String resource,
                       Long openTickets) {
    }

    /** {@code project}: whose own process this is (null: the shared one every other project runs). */
    record ProcessView(String kind, String key, String name, String project, int latestVersion, List<VersionView> versions) {
    }

    /** The shared processes and decisions, and the own processes of the projects the caller belongs to. */
    @GetMapping
    List<ProcessView> list() {
        Map<String, List<DeployedProcesses.Definition>> byKey = new LinkedHashMap<>();
        deployed.definitions(CurrentActor.get()).forEach(d -> byKey.computeIfAbsent(d.kind() + ":" + d.key() + ":" + d.project(),
                k -> new java.util.ArrayList<>()).add(d));
        return byKey.values().stream().map(versions -> {
            DeployedProcesses.Definition latest = versions.get(0);
            return new ProcessView(latest.kind().name(), latest.key(), latest.name(), latest.project(), latest.version(),
                    versions.stream()
                    .map(d -> new VersionView(d.version(), d.id(), d.deployedAt(), d.deployedBy(), d.resource(),
                            d.kind() == DeployedProcesses.Kind.process ? d.running() : null))
                    .toList());
        }).toList();
    }

    record Vocabulary(List<GroupDirectory.SupportGroup> groups, List<WordView> words, List<String> inputs) {
    }

    record WordView(String expression, String where, String description) {
    }

    /** What the editor offers: the support groups (of the caller's projects), the vocabulary words, the inputs an action may name. */
    @GetMapping("/vocabulary")
    Vocabulary vocabulary() {
        Actor actor = CurrentActor.get();
        return new Vocabulary(groups.supportGroups().stream()
                .filter(g -> actor.seesProject(projects.projectOfGroup(g.id()))).toList(), ProcessVocabulary.WORDS.stream()
                .map(w -> new WordView(w.expression(), w.where().name().toLowerCase().replace('_', ' '), w.description()))
                .toList(), List.of("reply", "group", "reason"));
    }

    @GetMapping("/{key}/versions/{version}/xml")
    ResponseEntity<byte[]> xml(@PathVariable String key, @PathVariable int version,
                               @RequestParam(required = false) String project) {
        DeployedProcesses.Definition definition = deployed.version(key, version,
                projects.visibleOrShared(project, CurrentActor.get()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_XML)
                // A download, never a page: the model is a process owner's text.
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(definition.resource() == null ? key + ".xml" : definition.resource()).build().toString())
                .body(deployed.xml(definition));
    }

    @GetMapping("/{key}/versions/{version}/activity-counts")
    Map<String, Object> activityCounts(@PathVariable String key, @PathVariable int version,
                                       @RequestParam(required = false) String project) {
        DeployedProcesses.Definition definition = deployed.version(key, version,
                projects.visibleOrShared(project, CurrentActor.get()));
        return Map.of("key", key, "version", version, "activities", deployed.activityCounts(definition));
    }

    @GetMapping("/{key}/compare")
    ModelComparison.Diff compare(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        return studio.compare(key, from, to);
    }

    record ValidationView(String kind, String key, List<ModelProblem> problems) {
    }

    /** The model as the request body (application/xml); {@code fileName} optional. 200 with no problems, or 422 listing them. */
    @PostMapping("/validate")
    ValidationView validateBody(HttpServletRequest request, @RequestParam(required = false) String fileName) throws IOException {
        return validated(fileName, limited(request.getInputStream()));
    }

    /** The model as the multipart field {@code file}. */
    @PostMapping(value = "/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ValidationView validateFile(@RequestParam("file") MultipartFile file) throws IOException {
        return validated(file.getOriginalFilename(), limited(file.getInputStream()));
    }

    private ValidationView validated(String fileName, byte[] model) {
        ProcessModelCheck.Checked checked = studio.validate(fileName, model);
        if (!checked.valid()) {
            throw new InvalidModelException(fileName, checked.all());
        }
        return new ValidationView(checked.kind().name(), checked.key(), List.of());
    }

    record DeployedView(String kind, String key, int version, boolean created, String changes, ModelComparison.Diff diff) {
    }

    /** Deploys the multipart field {@code file} (BPMN or DMN): 201 with the new version, 200 when unchanged, 422 when invalid. */
    @PostMapping(value = "/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DeployedView> deployFile(@RequestParam("file") MultipartFile file,
                                            @RequestParam(required = false) String project, HttpServletRequest request)
            throws IOException {
        return deployed(file.getOriginalFilename(), limited(file.getInputStream()), deployable(project), request);
    }

    /** The same with the model as the request body and its file name as parameter {@code fileName} (optional). */
    @PostMapping("/deployments")
    ResponseEntity<DeployedView> deployBody(@RequestParam(required = false) String fileName,
                                            @RequestParam(required = false) String project, HttpServletRequest request)
            throws IOException {
        return deployed(fileName, limited(request.getInputStream()), deployable(project), request);
    }

    /**
     * Where a deployment goes: a project's own process (the caller must belong to the project), or, without
     * {@code project}, the shared one — which every project without its own runs, so only process owners
     * of the default project and administrators change it.
     */
    private String deployable(String project) {
        Actor actor = CurrentActor.get();
        String own = projects.visibleOrShared(project, actor);
        if (own == null && !projects.changesSharedProcesses(actor)) {
            throw new ForbiddenException("The shared process is the default project's; deploy your project's own "
                    + "version with ?project=" + actor.projects().stream().sorted().findFirst().orElse("…"));
        }
        return own;
    }

    private ResponseEntity<DeployedView> deployed(String fileName, byte[] model, String project, HttpServletRequest request) {
        ProcessStudio.Deployed result = studio.deploy(fileName, model, CurrentActor.get().userId(), project);
        DeployedView view = new DeployedView(result.kind().name(), result.key(), result.version(), result.created(),
                result.changes(), result.diff());
        if (!result.created()) {
            return ResponseEntity.ok(view);
        }
        String base = request.getRequestURI().startsWith(request.getContextPath() + "/console-api") ? "/console-api" : "/api";
        return ResponseEntity.created(URI.create(base + "/processes/" + result.key() + "/versions/" + result.version() + "/xml"
                        + (project == null ? "" : "?project=" + project)))
                .body(view);
    }

    /**
     * {@code project}: move that project's tickets onto its own version {@code to}, from its own version
     * {@code from} or ({@code fromShared}) from the shared version {@code from}; none: the shared versions.
     */
    @GetMapping("/{key}/migrations/preview")
    ProcessMigrations.Preview preview(@PathVariable String key, @RequestParam int from, @RequestParam int to,
                                      @RequestParam(required = false) String project,
                                      @RequestParam(defaultValue = "false") boolean fromShared) {
        return migrations.preview(key, from, to, scope(project, fromShared));
    }

    record MigrationRequest(Integer from, Integer to, List<String> tickets, String project, Boolean fromShared) {
    }

    /** Whose tickets may move: the caller's project's; every project's (the shared versions) as for deploying. */
    private ProcessMigrations.Scope scope(String project, boolean fromShared) {
        String own = deployable(project);
        if (own == null && fromShared) {
            throw new InvalidInputException("fromShared", "needs a project: the project whose tickets move onto its own version");
        }
        return new ProcessMigrations.Scope(own, fromShared);
    }

    /** 200 with the result when done at once, 202 with the migration's id when it runs as a batch. */
    @PostMapping("/{key}/migrations")
    ResponseEntity<ProcessMigrations.Result> migrate(@PathVariable String key, @RequestBody MigrationRequest body) {
        if (body.from() == null || body.to() == null) {
            throw new InvalidInputException(body.from() == null ? "from" : "to", "the version number is required");
        }
        ProcessMigrations.Result result = migrations.migrate(key, body.from(), body.to(), body.tickets(),
                CurrentActor.get().userId(), scope(body.project(), Boolean.TRUE.equals(body.fromShared())));
        return result.state().equals("running") ? ResponseEntity.accepted().body(result) : ResponseEntity.ok(result);
    }

    @GetMapping("/{key}/migrations/{id}")
    ProcessMigrations.Result migration(@PathVariable String key, @PathVariable long id) {
        return migrations.status(id, CurrentActor.get());
    }

    @ExceptionHandler(InvalidModelException.class)
    ResponseEntity<ProblemDetail> invalidModel(InvalidModelException e) {
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(e));
    }

    static ProblemDetail problem(InvalidModelException e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-model", e.getMessage());
        problem.setProperty("problems", e.problems());
        return problem;
    }

    /** Reads at most one byte more than a model may have, so a huge body is refused without being held. */
    private static byte[] limited(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(ProcessModelCheck.MAX_BYTES + 1);
        }
    }
}
