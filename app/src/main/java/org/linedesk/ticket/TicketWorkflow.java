package org.linedesk.ticket;

import java.util.Optional;

/**
 * What the ticket module needs from the workflow engine. Implemented at the edge (module
 * {@code workflow}) so that no module depends on Camunda directly.
 */
public interface TicketWorkflow {

    /** Starts the ticket's lifecycle process; the ticket lands in {@code group}'s queue. Returns the process instance id. */
    String start(Ticket ticket, String group);

    Optional<WorkItem> currentTask(Ticket ticket);

    void claim(WorkItem task, String userId);

    void unclaim(WorkItem task, String actor);

    /** Completes the task with the chosen action (and the hand-over target, or null); the BPMN decides what comes next. */
    void complete(WorkItem task, String actor, String action, String targetGroup);

    /** Tells the process the customer wrote. True if the process was waiting for that (pending or resolved). */
    boolean customerReplied(Ticket ticket);
}
