package org.linedesk.workflow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.linedesk.ticket.TaskAction;
import org.springframework.stereotype.Component;

/** The actions each user task allows, per process definition version (a deployed version never changes). */
@Component
class TaskActionCatalog {

    private final RepositoryService repositoryService;
    private final Map<String, List<TaskAction>> cache = new ConcurrentHashMap<>();

    TaskActionCatalog(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    List<TaskAction> actionsOf(String processDefinitionId, String taskKey) {
        return cache.computeIfAbsent(processDefinitionId + "#" + taskKey, k -> {
            UserTask task = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(taskKey);
            return task == null ? List.of() : List.copyOf(TaskActionParser.actionsOf(task));
        });
    }
}
