package org.linedesk.workflow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.stereotype.Service;

/** Where a ticket's process is and the way it came, from the engine's activity history, for the ticket page. */
@Service
public class TicketProcessPath {

    private final HistoryService history;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final DeployedProcesses deployed;
    /** How long after its source ended a flow's target may start and still count as reached through it. */
    private static final long FLOW_GAP_MILLIS = 2000;

    TicketProcessPath(HistoryService history, RuntimeService runtime, RepositoryService repository, DeployedProcesses deployed) {
        this.history = history;
        this.runtime = runtime;
        this.repository = repository;
        this.deployed = deployed;
    }

    /** The version the ticket runs on, the activities it waits at now, every element it passed and the flows it took. */
    public record Path(String key, int version, List<String> current, List<String> visited, List<String> visitedFlows) {
    }

    public Optional<Path> of(String processInstanceId) {
        if (processInstanceId == null) {
            return Optional.empty();
        }
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        ProcessDefinition definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
        List<String> current = instance.getEndTime() == null ? runtime.getActiveActivityIds(processInstanceId) : List.of();
        List<HistoricActivityInstance> steps = history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
        Set<String> visited = new LinkedHashSet<>();
        steps.forEach(step -> visited.add(step.getActivityId()));
        return Optional.of(new Path(definition.getKey(), definition.getVersion(), current, new ArrayList<>(visited),
                takenFlows(definition.getId(), steps)));
    }

    /**
     * The sequence flows the ticket took. History at level "activity" keeps activities, not flows: a flow
     * counts as taken when its target started right after its source ended (the engine moves on within the
     * same transaction; a wait state ends when the next step starts).
     */
    private List<String> takenFlows(String definitionId, List<HistoricActivityInstance> steps) {
        List<String> taken = new ArrayList<>();
        for (SequenceFlow flow : repository.getBpmnModelInstance(definitionId).getModelElementsByType(SequenceFlow.class)) {
            String source = flow.getSource().getId();
            String target = flow.getTarget().getId();
            boolean followed = steps.stream().filter(a -> a.getActivityId().equals(source) && a.getEndTime() != null)
                    .anyMatch(a -> steps.stream().filter(b -> b.getActivityId().equals(target)).anyMatch(b -> {
                        long gap = b.getStartTime().getTime() - a.getEndTime().getTime();
                        return gap >= 0 && gap <= FLOW_GAP_MILLIS;
                    }));
            if (followed) {
                taken.add(flow.getId());
            }
        }
        return taken;
    }

    /** The model of the version a ticket's process runs on. */
    public Optional<byte[]> model(String processInstanceId) {
        if (processInstanceId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult())
                .map(instance -> deployed.processModel(instance.getProcessDefinitionId()));
    }
}
