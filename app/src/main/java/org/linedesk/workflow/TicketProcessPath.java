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
import org.springframework.stereotype.Service;

/** Where a ticket's process is and the way it came, from the engine's activity history, for the ticket page. */
@Service
public class TicketProcessPath {

    private final HistoryService history;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final DeployedProcesses deployed;

    TicketProcessPath(HistoryService history, RuntimeService runtime, RepositoryService repository, DeployedProcesses deployed) {
        this.history = history;
        this.runtime = runtime;
        this.repository = repository;
        this.deployed = deployed;
    }

    /** The version the ticket runs on, the activities it waits at now, and every element it passed. */
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
        Set<String> visited = new LinkedHashSet<>();
        for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()) {
            visited.add(step.getActivityId());
        }
        return Optional.of(new Path(definition.getKey(), definition.getVersion(), current, new ArrayList<>(visited), List.of()));
    }

    /** The model of the version a ticket's process runs on. */
    public Optional<byte[]> model(String processInstanceId) {
        return of(processInstanceId).map(p -> deployed.xml(deployed.version(p.key(), p.version())));
    }
}
