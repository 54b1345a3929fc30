package org.linedesk.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Default-desk tickets a test opens and closes again afterwards: the first line is shared by every test
 * class of the one context, and its queue must stay short (the work list shows 100).
 */
public final class OpenedTickets {

    private final ApiClient agent;
    private final List<String> numbers = new ArrayList<>();

    public OpenedTickets(ApiClient agent) {
        this.agent = agent;
    }

    public String open(String subject) {
        String number = agent.createTicket(subject);
        numbers.add(number);
        return number;
    }

    /** Closes as spam what is still open (a ticket that moved on or was resolved refuses, and stays so). */
    public void closeAll() {
        numbers.forEach(n -> agent.action(n, "close-spam", Map.of()));
        numbers.clear();
    }
}
