package org.linedesk.workflow;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.linedesk.audit.AuditLog;
import org.linedesk.core.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * Process owners' changes to processes and decisions: check a model, deploy it as a new version with no
 * restart, compare two versions. A deployment from here is never undone by a restart: at start-up the
 * files in processes/ are compared with what was last deployed from those files, not with the newest
 * version (see ProcessDeployer), so the folder only seeds the first version and deliberate file edits.
 */
@Service
public class ProcessStudio {

    static final String STUDIO_DEPLOYMENT_NAME = "linedesk-studio";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final RepositoryService repository;
    private final ProcessModelCheck check;
    private final DeployedProcesses deployed;
    private final AuditLog audit;
    private final ProjectProcesses projectProcesses;

    ProcessStudio(RepositoryService repository, ProcessModelCheck check, DeployedProcesses deployed, AuditLog audit,
                  ProjectProcesses projectProcesses) {
        this.projectProcesses = projectProcesses;
        this.repository = repository;
        this.check = check;
        this.deployed = deployed;
        this.audit = audit;
    }

    /** The answer to a deployment: the key, the version that serves now, whether it is new, and what changed. */
    public record Deployed(DeployedProcesses.Kind kind, String key, int version, boolean created, String changes,
                           ModelComparison.Diff diff) {
    }

    public ProcessModelCheck.Checked validate(String fileName, byte[] model) {
        return check.check(checkedFileName(fileName), model);
    }

    /**
     * Deploys the model as the next version of its key, after every check; an invalid model deploys
     * nothing. A model equal to the newest version (element by element, layout included) makes no version.
     */
    public Deployed deploy(String fileName, byte[] model, String actor) {
        return deploy(fileName, model, actor, null);
    }

    /**
     * As {@link #deploy(String, byte[], String)}, as the next version of {@code project}'s own process
     * (the engine's tenant id; null: the shared version every project without its own runs). Decisions
     * (the priority matrix) are shared by every project.
     */
    public Deployed deploy(String fileName, byte[] model, String actor, String project) {
        String name = checkedFileName(fileName);
        ProcessModelCheck.Checked checked = check.check(name, model);
        if (!checked.valid()) {
            throw new InvalidModelException(fileName, checked.all());
        }
        DeployedProcesses.Kind kind = checked.kind() == ProcessModelCheck.Kind.BPMN
                ? DeployedProcesses.Kind.process : DeployedProcesses.Kind.decision;
        if (project != null && kind != DeployedProcesses.Kind.process) {
            throw new InvalidModelException(fileName, List.of(new ModelProblem(null, "decisions (the priority matrix) "
                    + "are shared by every project; deploy '" + checked.key() + "' without a project")));
        }
        String resourceName = name != null ? name : defaultFileName(checked);
        var latest = deployed.latest(checked.key(), project);
        ModelComparison.Diff diff = null;
        if (latest.isPresent()) {
            if (latest.get().kind() != kind) {
                throw new InvalidModelException(fileName, List.of(new ModelProblem(null, "'" + checked.key()
                        + "' is already deployed as a " + latest.get().kind() + "; a " + kind + " needs another id")));
            }
            diff = ModelComparison.compare(deployed.xml(latest.get()), model);
            if (diff.unchanged()) {
                return new Deployed(kind, checked.key(), latest.get().version(), false, diff.summary(), diff);
            }
        }
        DeploymentWithDefinitions deployment = repository.createDeployment()
                .name(STUDIO_DEPLOYMENT_NAME)
                .source(DeployedProcesses.STUDIO_SOURCE_PREFIX + actor)
                .tenantId(project)
                .addInputStream(resourceName, new ByteArrayInputStream(model))
                .deployWithResult();
        projectProcesses.changed();
        List<? extends ResourceDefinition> definitions = kind == DeployedProcesses.Kind.process
                ? deployment.getDeployedProcessDefinitions() : deployment.getDeployedDecisionDefinitions();
        int version = definitions.stream().filter(d -> d.getKey().equals(checked.key()))
                .mapToInt(ResourceDefinition::getVersion).findFirst()
                .orElseThrow(() -> new IllegalStateException("the engine deployed no definition '" + checked.key() + "'"));
        String changes = diff == null ? "first version" : diff.summary();
        audit.record(actor, "MODEL_DEPLOYED", checked.key() + " v" + version + (project == null ? "" : " of project " + project),
                resourceName + (latest.map(l -> " (after v" + l.version() + ")").orElse("")) + ": " + changes,
                org.linedesk.audit.AuditLog.OK, project);
        return new Deployed(kind, checked.key(), version, true, changes, diff);
    }

    /** What changed from version {@code from} to version {@code to} of a key. */
    public ModelComparison.Diff compare(String key, int from, int to) {
        return ModelComparison.compare(deployed.xml(deployed.version(key, from)), deployed.xml(deployed.version(key, to)));
    }

    /** The file name without any folder, or null when none was given; refused when it is not a plain name. */
    private static String checkedFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (!FILE_NAME.matcher(name).matches()) {
            throw new InvalidInputException("file", "the file name '" + fileName
                    + "' must be letters, digits, '.', '_' or '-' (e.g. incident.bpmn)");
        }
        return name;
    }

    private static String defaultFileName(ProcessModelCheck.Checked checked) {
        if (checked.kind() == ProcessModelCheck.Kind.DMN && DmnPriorityMatrix.DECISION_KEY.equals(checked.key())) {
            return DmnPriorityMatrix.FILE_NAME_KEY + checked.kind().extension;
        }
        return checked.key() + checked.kind().extension;
    }
}
