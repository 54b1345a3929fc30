package org.linedesk.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.linedesk.core.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * What is deployed, for the process owner's pages and the API, and for checks of files that name BPMN
 * actions (action chains): process and decision definitions with their versions, who deployed each,
 * how many tickets still run on each process version and where they wait.
 */
@Service
public class DeployedProcesses {

    /** Deployments from the studio carry this source prefix followed by the deploying user's id. */
    static final String STUDIO_SOURCE_PREFIX = "studio:";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;

    DeployedProcesses(RepositoryService repository, RuntimeService runtime, ManagementService management) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
    }

    public enum Kind { process, decision }

    /** {@code project}: the project whose own version this is (the engine's tenant id); null: shared by all. */
    public record Definition(Kind kind, String key, String name, int version, String id, Instant deployedAt,
                             String deployedBy, String resource, long running, String project) {
    }

    /** Open tickets waiting at one activity of a version. */
    public record ActivityCount(String activity, String name, long tickets) {
    }

    /** Every version of every process and decision, newest first per key. */
    public List<Definition> definitions() {
        return collect(repository.createProcessDefinitionQuery(), repository.createDecisionDefinitionQuery());
    }

    /**
     * What a reader sees of {@link #definitions()}: the shared ones and the own processes of the reader's
     * projects, the shared first, then project by project.
     */
    public List<Definition> definitions(org.linedesk.identity.Actor reader) {
        return definitions().stream().filter(d -> d.project() == null || reader.seesProject(d.project()))
                .sorted(Comparator.comparing((Definition d) -> d.project() == null ? "" : d.project())).toList();
    }

    /** The shared versions of one process or decision key, newest first; 404 when the key is unknown. */
    public List<Definition> versions(String key) {
        List<Definition> versions = collect(repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId(),
                repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).withoutTenantId());
        if (versions.isEmpty()) {
            throw new NotFoundException("No process or decision '" + key + "' is deployed");
        }
        return versions;
    }

    /** One version of a key (looked up alone: the studio's calls and a migration's status need no other). */
    public Definition version(String key, int version) {
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId()
                .processDefinitionVersion(version).singleResult();
        DecisionDefinition decision = process != null ? null : repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(key).withoutTenantId().decisionDefinitionVersion(version).singleResult();
        if (process == null && decision == null) {
            versions(key); // says when the key itself is unknown
            throw new NotFoundException("'" + key + "' has no version " + version);
        }
        return process != null ? of(process) : of(decision);
    }

    /** One version of a project's own process ({@code project} null: a shared version). */
    public Definition version(String key, int version, String project) {
        if (project == null) {
            return version(key, version);
        }
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey(key).tenantIdIn(project)
                .processDefinitionVersion(version).singleResult();
        if (process == null) {
            throw new NotFoundException("Project '" + project + "' has no version " + version + " of '" + key + "' of its own");
        }
        return of(process);
    }

    /** The newest shared version of a key, if any. */
    public Optional<Definition> latest(String key) {
        return latest(key, null);
    }

    /** The newest version of a key of a project's own ({@code project} null: the shared one), if any. */
    public Optional<Definition> latest(String key, String project) {
        var processes = repository.createProcessDefinitionQuery().processDefinitionKey(key);
        ProcessDefinition process = (project == null ? processes.withoutTenantId() : processes.tenantIdIn(project))
                .latestVersion().singleResult();
        if (process != null) {
            return Optional.of(of(process));
        }
        var decisions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key);
        return Optional.ofNullable((project == null ? decisions.withoutTenantId() : decisions.tenantIdIn(project))
                .latestVersion().singleResult()).map(this::of);
    }

    private List<Definition> collect(ProcessDefinitionQuery processes, DecisionDefinitionQuery decisions) {
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, d -> d));
        List<Definition> all = new ArrayList<>();
        for (ProcessDefinition p : processes.orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().desc().list()) {
            all.add(of(p, deployments.get(p.getDeploymentId())));
        }
        for (DecisionDefinition d : decisions.orderByDecisionDefinitionKey().asc().orderByDecisionDefinitionVersion().desc().list()) {
            all.add(of(d, deployments.get(d.getDeploymentId())));
        }
        return all;
    }

    private Definition of(ProcessDefinition p) {
        return of(p, deployment(p.getDeploymentId()));
    }

    private Definition of(DecisionDefinition d) {
        return of(d, deployment(d.getDeploymentId()));
    }

    private Definition of(ProcessDefinition p, Deployment deployment) {
        long running = runtime.createProcessInstanceQuery().processDefinitionId(p.getId()).count();
        return definition(Kind.process, p.getKey(), p.getName(), p.getVersion(), p.getId(), deployment, p.getResourceName(),
                running, p.getTenantId());
    }

    private Definition of(DecisionDefinition d, Deployment deployment) {
        return definition(Kind.decision, d.getKey(), d.getName(), d.getVersion(), d.getId(), deployment, d.getResourceName(),
                0, d.getTenantId());
    }

    private Deployment deployment(String id) {
        return repository.createDeploymentQuery().deploymentId(id).singleResult();
    }

    /** The model file of one version, as deployed. */
    public byte[] xml(Definition definition) {
        return definition.kind() == Kind.process ? processModel(definition.id())
                : read(repository.getDecisionModel(definition.id()));
    }

    /** The BPMN file of a process definition, by its id. */
    public byte[] processModel(String definitionId) {
        return read(repository.getProcessModel(definitionId));
    }

    private static byte[] read(InputStream model) {
        try (InputStream in = model) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Open tickets per activity of a process version (the engine's activity statistics), most first. */
    public List<ActivityCount> activityCounts(Definition definition) {
        if (definition.kind() != Kind.process) {
            return List.of();
        }
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.id());
        List<ActivityCount> counts = new ArrayList<>();
        for (ActivityStatistics s : management.createActivityStatisticsQuery(definition.id()).list()) {
            FlowElement element = model.getModelElementById(s.getId());
            counts.add(new ActivityCount(s.getId(), element == null ? null : element.getName(), s.getInstances()));
        }
        counts.sort(Comparator.comparingLong(ActivityCount::tickets).reversed().thenComparing(ActivityCount::activity));
        return counts;
    }

    /** The action ids the newest incident process (shared, or any project's own) offers on any of its steps. */
    public Set<String> incidentActions() {
        Set<String> ids = new LinkedHashSet<>();
        for (ProcessDefinition latest : repository.createProcessDefinitionQuery()
                .processDefinitionKey(IncidentProcess.PROCESS_KEY).latestVersion().list().stream()
                .sorted(Comparator.comparing((ProcessDefinition d) -> d.getTenantId() == null ? "" : d.getTenantId())).toList()) {
            repository.getBpmnModelInstance(latest.getId()).getModelElementsByType(UserTask.class)
                    .forEach(task -> TaskActionParser.actionsOf(task).forEach(a -> ids.add(a.id())));
        }
        return ids;
    }

    private static Definition definition(Kind kind, String key, String name, int version, String id, Deployment deployment,
                                         String resource, long running, String project) {
        Instant at = deployment == null ? null : deployment.getDeploymentTime().toInstant();
        return new Definition(kind, key, name, version, id, at, deployedBy(deployment), resource, running, project);
    }

    private static String deployedBy(Deployment deployment) {
        if (deployment == null || deployment.getSource() == null) {
            return null;
        }
        return deployment.getSource().startsWith(STUDIO_SOURCE_PREFIX)
                ? deployment.getSource().substring(STUDIO_SOURCE_PREFIX.length())
                : "start-up (files)";
    }
}
