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
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
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

    public record Definition(Kind kind, String key, String name, int version, String id, Instant deployedAt,
                             String deployedBy, String resource, long running) {
    }

    /** Open tickets waiting at one activity of a version. */
    public record ActivityCount(String activity, String name, long tickets) {
    }

    /** Every version of every process and decision, newest first per key. */
    public List<Definition> definitions() {
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, d -> d));
        List<Definition> all = new ArrayList<>();
        for (ProcessDefinition p : repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().desc().list()) {
            long running = runtime.createProcessInstanceQuery().processDefinitionId(p.getId()).count();
            all.add(definition(Kind.process, p.getKey(), p.getName(), p.getVersion(), p.getId(),
                    deployments.get(p.getDeploymentId()), p.getResourceName(), running));
        }
        for (DecisionDefinition d : repository.createDecisionDefinitionQuery().orderByDecisionDefinitionKey().asc()
                .orderByDecisionDefinitionVersion().desc().list()) {
            all.add(definition(Kind.decision, d.getKey(), d.getName(), d.getVersion(), d.getId(),
                    deployments.get(d.getDeploymentId()), d.getResourceName(), 0));
        }
        return all;
    }

    /** The versions of one process or decision key, newest first; 404 when the key is unknown. */
    public List<Definition> versions(String key) {
        List<Definition> versions = definitions().stream().filter(d -> d.key().equals(key)).toList();
        if (versions.isEmpty()) {
            throw new NotFoundException("No process or decision '" + key + "' is deployed");
        }
        return versions;
    }

    public Definition version(String key, int version) {
        return versions(key).stream().filter(d -> d.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundException("'" + key + "' has no version " + version));
    }

    /** The newest version of a key, if any. */
    public java.util.Optional<Definition> latest(String key) {
        return definitions().stream().filter(d -> d.key().equals(key)).max(Comparator.comparingInt(Definition::version));
    }

    /** The model file of one version, as deployed. */
    public byte[] xml(Definition definition) {
        try (InputStream in = definition.kind() == Kind.process
                ? repository.getProcessModel(definition.id()) : repository.getDecisionModel(definition.id())) {
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

    /** The action ids the latest incident process offers on any of its steps. */
    public Set<String> incidentActions() {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
                .latestVersion().singleResult();
        if (latest == null) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        repository.getBpmnModelInstance(latest.getId()).getModelElementsByType(UserTask.class)
                .forEach(task -> TaskActionParser.actionsOf(task).forEach(a -> ids.add(a.id())));
        return ids;
    }

    private static Definition definition(Kind kind, String key, String name, int version, String id, Deployment deployment,
                                         String resource, long running) {
        Instant at = deployment == null ? null : deployment.getDeploymentTime().toInstant();
        return new Definition(kind, key, name, version, id, at, deployedBy(deployment), resource, running);
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
