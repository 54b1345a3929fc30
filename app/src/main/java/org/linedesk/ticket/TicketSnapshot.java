package org.linedesk.ticket;

/** What other modules may read of a ticket without touching the aggregate. */
public record TicketSnapshot(long id, String number, String processInstanceId, Channel channel, String group,
                             String assignee, Priority priority, Status status, String project) {

    static TicketSnapshot of(Ticket t) {
        return new TicketSnapshot(t.getId(), t.getNumber(), t.getProcessInstanceId(), t.getChannel(),
                t.getCurrentGroup(), t.getAssignee(), t.getPriority(), t.getStatus(), t.getProject());
    }
}
