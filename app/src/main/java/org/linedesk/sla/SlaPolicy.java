package org.linedesk.sla;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.Status;

/**
 * One SLA policy of sla-definitions/*.yaml: the project whose tickets it covers, which of them, and the
 * targets it promises.
 */
public record SlaPolicy(String id, String project, boolean isDefault, Conditions when, String calendarId,
                        Map<Priority, Target> targets, Set<Status> pauseOn, List<Warning> warnings,
                        Map<Metric, BreachAction> breach) {

    public Target target(Priority priority) {
        return targets.get(priority);
    }

    public Duration target(Priority priority, Metric metric) {
        Target t = targets.get(priority);
        return metric == Metric.FIRST_RESPONSE ? t.firstResponse() : t.resolution();
    }

    public String calendarFor(Priority priority) {
        Target t = targets.get(priority);
        return t.calendarId() != null ? t.calendarId() : calendarId;
    }

    public BreachAction onBreach(Metric metric) {
        return breach.getOrDefault(metric, BreachAction.NONE);
    }

    /** Targets for one priority; {@code calendarId} overrides the policy's calendar when set. */
    public record Target(Duration firstResponse, Duration resolution, String calendarId) {
    }

    /** At {@code percent} of the target used, these are told. */
    public record Warning(int percent, Set<String> recipients) {
    }

    /** What a breach does besides being recorded: who is told (hierarchical), where the ticket goes (functional). */
    public record BreachAction(Set<String> recipients, String handOverTo) {
        public static final BreachAction NONE = new BreachAction(Set.of(), null);
    }

    /** All listed conditions must hold; an empty list means any. */
    public record Conditions(Set<Channel> channels, Set<String> groups, Set<Priority> priorities,
                             Set<String> customerTiers) {

        public static final Conditions ANY = new Conditions(Set.of(), Set.of(), Set.of(), Set.of());

        public boolean matches(TicketFacts t) {
            return (channels.isEmpty() || channels.contains(t.channel()))
                    && (groups.isEmpty() || groups.contains(t.group()))
                    && (priorities.isEmpty() || priorities.contains(t.priority()))
                    && (customerTiers.isEmpty() || customerTiers.contains(t.customerTier()));
        }
    }

    /** What policy selection looks at. */
    public record TicketFacts(Channel channel, String group, Priority priority, String customerTier, String project) {
    }
}
