package org.linedesk.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;

/**
 * What is deployed, for the process owner's page and for checks of files that name BPMN actions
 * (action chains): process and decision definitions with their versions, and how many tickets still run
 * on each process version.
 */
@Service
public class DeployedProcesses {

    private final RepositoryService repository;
    private final RuntimeService runtime;

    DeployedProcesses(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    public record Definition(String kind, String key, String name, int version, String id, Instant deployedAt,
                             String resource, long running) {
    }

    /** Every version of every process and decision, newest first per key. */
    public List<Definition> definitions() {
        List<Definition> all = new ArrayList<>();
        List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().desc().list();
        Map<String, Instant> deployed = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, d -> d.getDeploymentTime().toInstant()));
        for (ProcessDefinition p : processes) {
            long running = runtime.createProcessInstanceQuery().processDefinitionId(p.getId()).count();
            all.add(new Definition("process", p.getKey(), p.getName(), p.getVersion(), p.getId(),
                    deployed.get(p.getDeploymentId()), p.getResourceName(), running));
        }
        repository.createDecisionDefinitionQuery().orderByDecisionDefinitionKey().asc()
                .orderByDecisionDefinitionVersion().desc().list()
                .forEach(d -> all.add(new Definition("decision", d.getKey(), d.getName(), d.getVersion(), d.getId(),
                        deployed.get(d.getDeploymentId()), d.getResourceName(), 0)));
        return all;
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
}
