package org.linedesk.routing;

import org.linedesk.ticket.Classification;
import org.linedesk.ticket.Level;

/**
 * Where a new request goes and what it looks like. {@code rule} is the name of the rule that matched
 * (null: the default). {@code notice} explains a correction made while routing (a rule named a group
 * that does not exist); the channel puts it in the ticket's history.
 */
public record RoutingDecision(String rule, String group, Classification classification, Level impact, Level urgency,
                              String notice, boolean groupChosenByRule) {

    /** The group a matching rule chose, or null when the group is the default one (or a mailbox's queue). */
    public String ruleGroup() {
        return groupChosenByRule ? group : null;
    }
}
