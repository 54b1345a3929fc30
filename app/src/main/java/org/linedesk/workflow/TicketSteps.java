package org.linedesk.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketLifecycle;
import org.springframework.stereotype.Component;

/**
 * The vocabulary process owners use in BPMN, as {@code ${tickets.…}} expressions on listeners and
 * service tasks (docs/process-authoring.md lists each word with an example). Each word is thin glue:
 * it finds the ticket of the process instance and calls one transition of {@link TicketLifecycle}.
 */
@Component("tickets")
public class TicketSteps {

    private final TicketLifecycle lifecycle;
    private final org.linedesk.project.ProjectDirectory projects;

    TicketSteps(TicketLifecycle lifecycle, org.linedesk.project.ProjectDirectory projects) {
        this.lifecycle = lifecycle;
        this.projects = projects;
    }

    /** Routing condition: the group is the first line of its project (each project has its own). */
    public boolean isFirstLine(String group) {
        return projects.isFirstLine(group);
    }

    /** Task listener (create): the ticket enters the queue of the task's candidate group. */
    public void enqueue(DelegateTask task) {
        String group = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("User task '" + task.getTaskDefinitionKey()
                        + "' has no candidate group; every ticket task must belong to a group's queue"));
        lifecycle.enqueue(ticketId(task.getExecution()), group);
    }

    /** Task listener (assignment): mirrors claim and unclaim on the ticket. */
    public void assigneeChanged(DelegateTask task) {
        String acting = ActingUser.current();
        String actor = acting != null ? acting : (task.getAssignee() != null ? task.getAssignee() : Ticket.SYSTEM);
        lifecycle.assigneeChanged(ticketId(task.getExecution()), task.getAssignee(), actor);
    }

    /** The ticket waits for the customer's answer (status PENDING_CUSTOMER). */
    public void awaitCustomer(DelegateExecution execution) {
        lifecycle.awaitCustomer(ticketId(execution));
    }

    /** The ticket is resolved (status RESOLVED); the customer may still reply. */
    public void resolve(DelegateExecution execution) {
        lifecycle.resolve(ticketId(execution));
    }

    /** The customer replied to a resolved ticket: it goes back to the group that answered last (variable {@code group}). */
    public void reopen(DelegateExecution execution) {
        String group = lifecycle.reopen(ticketId(execution));
        execution.setVariable(IncidentProcess.VAR_GROUP, group);
    }

    /** The ticket is closed for good, with the reason given. */
    public void close(DelegateExecution execution, String reason) {
        lifecycle.close(ticketId(execution), reason);
    }

    private static long ticketId(DelegateExecution execution) {
        return Long.parseLong(execution.getProcessBusinessKey());
    }
}
