package org.linedesk.workflow;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.task.Task;
import org.linedesk.sla.ClockTimers;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * A ticket's SLA clock timer is one engine job (handler {@value SlaClockJobHandler#TYPE}) of its
 * process instance, executed by the engine's job executor when due — visible in Cockpit under the
 * instance's jobs. A breach reaches the process through {@link SlaBreachMessages}.
 */
@Component
class CamundaClockTimers implements ClockTimers {

    private final ProcessEngineConfigurationImpl engine;
    private final ManagementService managementService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final TaskActionCatalog actions;
    private final org.linedesk.ticket.TicketLifecycle tickets;

    CamundaClockTimers(ProcessEngineConfigurationImpl engine, ManagementService managementService,
                       RuntimeService runtimeService, TaskService taskService, TaskActionCatalog actions,
                       org.linedesk.ticket.TicketLifecycle tickets) {
        this.tickets = tickets;
        this.engine = engine;
        this.managementService = managementService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.actions = actions;
    }

    @Override
    public String schedule(long ticketId, String processInstanceId, Instant due) {
        return engine.getCommandExecutorTxRequired().execute(commandContext -> {
            TimerEntity timer = new TimerEntity();
            timer.setJobHandlerType(SlaClockJobHandler.TYPE);
            timer.setJobHandlerConfigurationRaw(String.valueOf(ticketId));
            timer.setProcessInstanceId(processInstanceId);
            timer.setDuedate(Date.from(due));
            timer.setRetries(engine.getDefaultNumberOfRetries());
            timer.setExclusive(false); // no execution of the instance is touched; never wait for its other jobs
            commandContext.getJobManager().schedule(timer);
            return timer.getId();
        });
    }

    @Override
    public boolean move(String jobId, Instant due) {
        try {
            managementService.setJobDuedate(jobId, Date.from(due));
            return true;
        } catch (NullValueException e) {
            return false;
        }
    }

    @Override
    public void cancel(String jobId) {
        try {
            managementService.deleteJob(jobId);
        } catch (NullValueException e) {
            // already gone (it was the job that just fired)
        }
    }

    /**
     * Functional escalation, one command: the ticket records the hand-over now, and its task moves to the
     * new group when the transaction is about to commit (the breach is handled inside an engine command
     * on the same instance, which must finish first): the task is completed with its
     * {@value IncidentProcess#ACTION_HAND_OVER} action when the BPMN declares one — the way an agent hands
     * over — else the token is moved back to {@code Gateway_Route} by process instance modification.
     */
    @Override
    public boolean handOverOnBreach(long ticketId, String group, String reason) {
        if (!tickets.handOverOnBreach(ticketId, group, reason)) {
            return false;
        }
        String processInstanceId = tickets.snapshot(ticketId).processInstanceId();
        TransactionSynchronization move = new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
                if (task == null) {
                    return;
                }
                boolean declared = actions.actionsOf(task.getProcessDefinitionId(), task.getTaskDefinitionKey()).stream()
                        .anyMatch(a -> a.id().equals(IncidentProcess.ACTION_HAND_OVER));
                if (declared) {
                    taskService.complete(task.getId(), Map.of(IncidentProcess.VAR_ACTION, IncidentProcess.ACTION_HAND_OVER,
                            IncidentProcess.VAR_GROUP, group));
                } else {
                    runtimeService.createProcessInstanceModification(processInstanceId)
                            .cancelAllForActivity(task.getTaskDefinitionKey())
                            .startBeforeActivity(IncidentProcess.GATEWAY_ROUTE)
                            .setVariable(IncidentProcess.VAR_GROUP, group)
                            .execute();
                }
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(move);
        } else {
            move.beforeCommit(false);
        }
        return true;
    }
}
