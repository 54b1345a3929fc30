package org.linedesk.workflow;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.linedesk.sla.ClockTimers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The clock timer of a ticket is the job of {@code Timer_SlaNext} in incident.bpmn. A change of the
 * clocks moves that job's due date; a breach hand-over moves the ticket's token from its task back to
 * {@code Gateway_Route} with the new group (process instance modification, visible in Cockpit).
 * Both wait until the transaction is about to commit: the change that caused them usually happens
 * inside an engine command on the same process instance, which must finish first. Several requests
 * for one instance in one transaction collapse into one.
 */
@Component
class CamundaClockTimers implements ClockTimers {

    /** Where a timer waits while no clock runs towards anything (paused, stopped, all fired). */
    static final Date PARKED = Date.from(Instant.parse("9999-12-31T00:00:00Z"));
    private static final Object PENDING = CamundaClockTimers.class.getName() + ".pending";

    private final ManagementService managementService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;

    CamundaClockTimers(ManagementService managementService, RuntimeService runtimeService, TaskService taskService) {
        this.managementService = managementService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
    }

    @Override
    public void rearm(String processInstanceId, Supplier<Optional<Instant>> nextEventAt) {
        defer("rearm:" + processInstanceId, () -> {
            Job timer = managementService.createJobQuery().processInstanceId(processInstanceId)
                    .activityId(IncidentProcess.TIMER_SLA_NEXT).singleResult();
            if (timer != null) {
                Date due = nextEventAt.get().map(Date::from).orElse(PARKED);
                if (!due.equals(timer.getDuedate())) {
                    managementService.setJobDuedate(timer.getId(), due);
                }
            }
        });
    }

    @Override
    public void handOver(String processInstanceId, String group) {
        defer("hand-over:" + processInstanceId, () -> {
            Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
            if (task != null) {
                runtimeService.createProcessInstanceModification(processInstanceId)
                        .cancelAllForActivity(task.getTaskDefinitionKey())
                        .startBeforeActivity(IncidentProcess.GATEWAY_ROUTE)
                        .setVariable(IncidentProcess.VAR_GROUP, group)
                        .execute();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void defer(String key, Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        Map<String, Runnable> pending = (Map<String, Runnable>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            Map<String, Runnable> queue = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(PENDING, queue);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    // One piece of work may cause more (a hand-over changes the status): drain until quiet.
                    while (!queue.isEmpty()) {
                        String next = queue.keySet().iterator().next();
                        queue.remove(next).run();
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }
            });
            pending = queue;
        }
        // the latest request wins its place in the queue: for re-arm, the due date is computed when it runs
        pending.remove(key);
        pending.put(key, work);
    }
}
