package org.linedesk.workflow;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.linedesk.sla.ClockTimers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Re-arms a ticket's clock timer and moves its task on a breach by correlating messages to the clock
 * branch and the user task of incident.bpmn. The correlation waits until the transaction is about to
 * commit: the change that caused it usually happens inside an engine command on the same process
 * instance, which must finish first. Several requests for one instance in one transaction collapse.
 */
@Component
class CamundaClockTimers implements ClockTimers {

    private static final Object PENDING = CamundaClockTimers.class.getName() + ".pending";

    private final RuntimeService runtimeService;

    CamundaClockTimers(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @Override
    public void rearm(String processInstanceId) {
        defer("rearm:" + processInstanceId, () -> runtimeService
                .createMessageCorrelation(IncidentProcess.MESSAGE_SLA_CHANGED)
                .processInstanceId(processInstanceId)
                .correlateAllWithResult());
    }

    @Override
    public void handOver(String processInstanceId, String group) {
        defer("hand-over:" + processInstanceId, () -> runtimeService
                .createMessageCorrelation(IncidentProcess.MESSAGE_SLA_HAND_OVER)
                .processInstanceId(processInstanceId)
                .setVariable(IncidentProcess.VAR_GROUP, group)
                .correlateAllWithResult());
    }

    @SuppressWarnings("unchecked")
    private void defer(String key, Runnable correlation) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            correlation.run();
            return;
        }
        Map<String, Runnable> pending = (Map<String, Runnable>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            Map<String, Runnable> queue = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(PENDING, queue);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    // A correlation may cause further ones (a hand-over changes the status): drain until quiet.
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
        pending.putIfAbsent(key, correlation);
    }
}
