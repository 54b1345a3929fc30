package org.linedesk.workflow;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.linedesk.sla.SlaClocks;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs when a ticket's SLA clock timer falls due: {@link SlaClocks#timerDue} records warnings and
 * breaches, lets the process escalate, and sets the timer for the next event. Looked up lazily: the
 * engine is built before the beans the handler calls.
 */
class SlaClockJobHandler implements JobHandler<SlaClockJobHandler.TicketId> {

    static final String TYPE = "linedesk-sla-clock";

    private final ObjectProvider<SlaClocks> clocks;

    SlaClockJobHandler(ObjectProvider<SlaClocks> clocks) {
        this.clocks = clocks;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public void execute(TicketId configuration, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
        clocks.getObject().timerDue(configuration.ticketId());
    }

    @Override
    public TicketId newConfiguration(String canonicalString) {
        return new TicketId(Long.parseLong(canonicalString));
    }

    @Override
    public void onDelete(TicketId configuration, JobEntity jobEntity) {
        // nothing to clean up
    }

    record TicketId(long ticketId) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return String.valueOf(ticketId);
        }
    }
}
