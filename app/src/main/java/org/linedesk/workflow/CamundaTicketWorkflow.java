package org.linedesk.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.linedesk.core.ConflictException;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketWorkflow;
import org.linedesk.ticket.WorkItem;
import org.springframework.stereotype.Component;

/** The ticket lifecycle on the Camunda engine: the ticket's process instance and its user tasks. */
@Component
class CamundaTicketWorkflow implements TicketWorkflow {

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final TaskActionCatalog actions;
    private final ProjectProcesses projectProcesses;

    CamundaTicketWorkflow(RuntimeService runtimeService, TaskService taskService, TaskActionCatalog actions,
                          ProjectProcesses projectProcesses) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.actions = actions;
        this.projectProcesses = projectProcesses;
    }

    /** On the newest version of the ticket's project's own process when it has one, else of the shared one. */
    @Override
    public String start(Ticket ticket, String group) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(IncidentProcess.VAR_TICKET_ID, ticket.getId());
        variables.put(IncidentProcess.VAR_GROUP, group);
        var start = runtimeService.createProcessInstanceByKey(IncidentProcess.PROCESS_KEY)
                .businessKey(String.valueOf(ticket.getId())).setVariables(variables);
        boolean own = projectProcesses.hasOwnIncidentProcess(ticket.getProject());
        var chosen = own ? start.processDefinitionTenantId(ticket.getProject()) : start.processDefinitionWithoutTenantId();
        return ProjectTenants.starting(ticket.getProject(), () -> chosen.execute().getId());
    }

    @Override
    public Optional<WorkItem> currentTask(Ticket ticket) {
        if (ticket.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        List<Task> tasks = taskService.createTaskQuery().processInstanceId(ticket.getProcessInstanceId())
                .active().orderByTaskCreateTime().asc().list();
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        Task task = tasks.get(0);
        String group = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId())
                .findFirst().orElse(null);
        return Optional.of(new WorkItem(task.getId(), task.getTaskDefinitionKey(), task.getName(), group,
                task.getAssignee(), task.getCreateTime().toInstant(),
                actions.actionsOf(task.getProcessDefinitionId(), task.getTaskDefinitionKey())));
    }

    @Override
    public void claim(WorkItem task, String userId) {
        ActingUser.as(userId, () -> {
            taskService.claim(task.taskId(), userId);
            return null;
        });
    }

    @Override
    public void unclaim(WorkItem task, String actor) {
        ActingUser.as(actor, () -> {
            taskService.setAssignee(task.taskId(), null);
            return null;
        });
    }

    @Override
    public void complete(WorkItem task, String actor, String action, String targetGroup) {
        Map<String, Object> all = new HashMap<>();
        all.put(IncidentProcess.VAR_ACTION, action);
        if (targetGroup != null) {
            all.put(IncidentProcess.VAR_GROUP, targetGroup);
        }
        ActingUser.as(actor, () -> {
            try {
                taskService.complete(task.taskId(), all);
            } catch (NullValueException e) {
                throw new ConflictException("The task was completed by someone else meanwhile; reload the ticket");
            }
            return null;
        });
    }

    @Override
    public boolean customerReplied(Ticket ticket) {
        return !runtimeService.createMessageCorrelation(IncidentProcess.MESSAGE_CUSTOMER_REPLIED)
                .processInstanceId(ticket.getProcessInstanceId())
                .correlateAllWithResult()
                .isEmpty();
    }

}
