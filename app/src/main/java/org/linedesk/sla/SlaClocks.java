package org.linedesk.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.linedesk.identity.Actor;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.SlaView;
import org.linedesk.ticket.TicketLifecycle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA clocks as the other modules use them (a facade): the engine's timer falling due, the
 * escalation steps the BPMN calls, and the clocks as the API and the pages show them. Behind it:
 * {@link ClockListeners} (ticket events move the clocks, through {@link ClockLifecycle}),
 * {@link ClockTimer} (the ticket's one engine timer), {@link SlaEscalation} (warnings, breaches,
 * notices, hand-over) and {@link TicketClocks} (a ticket's clocks once per transaction, their version).
 */
@Service
@Transactional
public class SlaClocks implements SlaView {

    private final TicketClocks ticketClocks;
    private final ClockTimer timer;
    private final SlaEscalation escalation;
    private final SlaClockRepository clocks;
    private final TicketLifecycle tickets;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SlaClocks(TicketClocks ticketClocks, ClockTimer timer, SlaEscalation escalation, SlaClockRepository clocks,
              TicketLifecycle tickets, ApplicationEventPublisher events, Clock clock) {
        this.ticketClocks = ticketClocks;
        this.timer = timer;
        this.escalation = escalation;
        this.clocks = clocks;
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The clock timer of the ticket fell due: records what is due now (idempotent), lets the process
     * escalate a breach ({@link SlaBreached}), and sets the timer for the next event. Called by the
     * engine's job executor.
     */
    public void timerDue(long ticketId) {
        timer.fired(ticketId);
        Set<Metric> breached = escalation.fire(ticketId);
        if (!breached.isEmpty()) {
            events.publishEvent(new SlaBreached(ticketId, tickets.snapshot(ticketId).processInstanceId(), breached));
        }
        timer.rearm(ticketId);
    }

    /** When the clock timer of this ticket should fire next; empty when no clock runs towards anything. */
    @Transactional(readOnly = true)
    public Optional<Instant> nextEventAt(long ticketId) {
        return timer.nextEventAt(ticketId);
    }

    /** Hierarchical escalation: tells whom the policy names for this breach. */
    public void notifyBreach(long ticketId, Metric metric) {
        escalation.notifyBreach(ticketId, metric);
    }

    /** Functional escalation: hands the ticket to the policy's group for this breach, if it names one. */
    public void handOverOnBreach(long ticketId, Metric metric) {
        escalation.handOverOnBreach(ticketId, metric);
    }

    /** Functional escalation to a group the BPMN names. */
    public void handOverOnBreach(long ticketId, Metric metric, String group) {
        escalation.handOverOnBreach(ticketId, metric, group);
    }

    /** SLA repair changed the ticket's clocks: the timer moves to what is due next under them. */
    void repaired(long ticketId) {
        timer.rearm(ticketId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClockView> clocksOf(long ticketId) {
        Instant now = clock.instant();
        String number = tickets.snapshot(ticketId).number();
        return ticketClocks.of(ticketId).stream().map(c -> view(c, number, now)).toList();
    }

    /**
     * The deadline the desk promises the customer: the first response while it is owed, else the
     * resolution; empty when no clock runs (SLA off, paused, or already breached).
     */
    @Transactional(readOnly = true)
    public Optional<Deadline> promisedDeadline(long ticketId) {
        Instant now = clock.instant();
        return ticketClocks.of(ticketId).stream()
                .filter(c -> !c.isStopped() && !c.isPaused() && c.getDueAt() != null && c.getDueAt().isAfter(now))
                .min(java.util.Comparator.comparing(SlaClock::getMetric))
                .map(c -> new Deadline(c.getMetric(), c.getDueAt(), ticketClocks.calendarOf(c).zone()));
    }

    /** A due instant and the time zone of the calendar it was computed in (the desk's local time). */
    public record Deadline(Metric metric, Instant dueAt, java.time.ZoneId zone) {
    }

    /** Running clocks breached or due within {@code within}, soonest first, of tickets in the actor's projects. */
    @Transactional(readOnly = true)
    public List<ClockView> atRisk(Duration within, String group, Priority priority, int limit, Actor actor) {
        Instant now = clock.instant();
        List<SlaClock> found = clocks.atRisk(now.plus(within), group, priority == null ? null : priority.name(),
                actor.seesAllProjects(), actor.projects(), PageRequest.of(0, limit));
        Map<Long, String> numbers = tickets.numbers(found.stream().map(SlaClock::getTicketId).distinct().toList());
        return found.stream().map(c -> view(c, numbers.get(c.getTicketId()), now)).toList();
    }

    private ClockView view(SlaClock c, String number, Instant now) {
        Duration used = c.elapsed(now, ticketClocks.calendarOf(c));
        String state = c.isStopped() ? (c.isBreached() ? "BREACHED" : "MET")
                : c.isPaused() ? "PAUSED" : (c.isBreached() ? "BREACHED" : "RUNNING");
        return new ClockView(c.getTicketId(), number, c.getMetric(), state, c.getPolicyId(), c.getDefinitionsVersion(),
                c.getCalendarId(), c.getPriority(), c.getTarget(), c.getStartedAt(), c.getDueAt(), c.getTarget().minus(used),
                (int) Math.round(100.0 * used.toSeconds() / Math.max(1, c.getTarget().toSeconds())),
                c.getBreachedAt(), c.getStoppedAt());
    }

    /** A clock as the API and the UI show it. */
    public record ClockView(long ticketId, String number, Metric metric, String state, String policy,
                            Integer definitionsVersion, String calendar,
                            Priority priority, Duration target, Instant startedAt, Instant dueAt, Duration businessTimeLeft,
                            int percentUsed, Instant breachedAt, Instant stoppedAt) {
    }
}
