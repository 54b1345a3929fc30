package org.linedesk.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.linedesk.ticket.Priority;
import org.linedesk.ticket.Status;

/**
 * What happens to a ticket's clocks on each ticket event, under the definitions they run under. Pure:
 * the live listeners ({@link SlaClocks}) and SLA repair ({@link SlaReplay}) both go through here, so a
 * replay of a ticket's history takes exactly the steps its clocks took.
 */
final class ClockLifecycle {

    private static final Set<Status> STOPS = EnumSet.of(Status.RESOLVED, Status.CLOSED);

    private ClockLifecycle() {
    }

    /** The ticket opened: one clock per metric under the policy its facts select. */
    static List<SlaClock> start(long ticketId, int version, SlaDefinitions sla, SlaPolicy.TicketFacts facts, Instant at) {
        SlaPolicy policy = sla.select(facts);
        BusinessCalendar calendar = sla.calendar(policy.calendarFor(facts.priority()));
        List<SlaClock> started = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            started.add(SlaClock.start(ticketId, metric, version, facts, policy, calendar, at));
        }
        return started;
    }

    /** Resolved or closed stops; a reopen restarts resolution; the policy's pause states pause and resume. */
    static boolean statusChanged(List<SlaClock> clocks, SlaDefinitions sla, Status from, Status to, Instant at) {
        SlaPolicy policy = policyOf(clocks, sla);
        boolean changed = false;
        for (SlaClock c : clocks) {
            BusinessCalendar calendar = sla.calendar(c.getCalendarId());
            if (STOPS.contains(to)) {
                changed |= c.stop(at, calendar);
            } else if (from == Status.RESOLVED && c.getMetric() == Metric.RESOLUTION) {
                changed |= c.restart(at, calendar); // reopened: resolution time counts again, keeping what was used
            } else if (policy.pauseOn().contains(to)) {
                changed |= c.pause(at);
            } else if (policy.pauseOn().contains(from)) {
                changed |= c.resume(at, calendar);
            }
        }
        return changed;
    }

    static boolean firstResponse(List<SlaClock> clocks, SlaDefinitions sla, Instant at) {
        boolean changed = false;
        for (SlaClock c : clocks) {
            if (c.getMetric() == Metric.FIRST_RESPONSE) {
                changed |= c.stop(at, sla.calendar(c.getCalendarId()));
            }
        }
        return changed;
    }

    /** A new priority: new targets (maybe another calendar), counted from the original start. */
    static void reprioritized(List<SlaClock> clocks, SlaDefinitions sla, Priority to, Instant at) {
        SlaPolicy policy = policyOf(clocks, sla);
        BusinessCalendar calendar = sla.calendar(policy.calendarFor(to));
        clocks.forEach(c -> c.retarget(to, policy, calendar, at));
    }

    /** When a warning or breach of any clock is due next; empty when nothing runs towards anything. */
    static Optional<Instant> nextEventAt(List<SlaClock> clocks, SlaDefinitions sla) {
        if (clocks.isEmpty()) {
            return Optional.empty();
        }
        SlaPolicy policy = policyOf(clocks, sla);
        return clocks.stream().map(c -> c.nextEventAt(policy, sla.calendar(c.getCalendarId())))
                .flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** Records what is due at {@code at} on every clock (idempotent). */
    static List<Fired> fire(List<SlaClock> clocks, SlaDefinitions sla, Instant at) {
        SlaPolicy policy = policyOf(clocks, sla);
        List<Fired> fired = new ArrayList<>();
        for (SlaClock c : clocks) {
            SlaClock.Fired f = c.fire(policy, sla.calendar(c.getCalendarId()), at);
            if (!f.warnings().isEmpty() || f.breached()) {
                fired.add(new Fired(c, f.warnings(), f.breached()));
            }
        }
        return fired;
    }

    static SlaPolicy policyOf(List<SlaClock> clocks, SlaDefinitions sla) {
        return sla.policy(clocks.get(0).getPolicyId());
    }

    /** What one firing recorded on one clock. */
    record Fired(SlaClock clock, List<SlaPolicy.Warning> warnings, boolean breached) {
    }
}
