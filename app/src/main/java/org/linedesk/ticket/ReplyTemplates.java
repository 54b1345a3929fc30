package org.linedesk.ticket;

/** Response templates, as replies use them (implemented by the template module). */
public interface ReplyTemplates {

    /**
     * The text of template {@code name} for this ticket, in the customer's language where the
     * template has it; throws InvalidInputException naming the field {@code template} when there is no such template.
     */
    String replyText(String name, Ticket ticket, String agentName);
}
