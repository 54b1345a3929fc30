package org.linedesk.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.linedesk.identity.Actor;
import org.linedesk.ticket.EventType;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.SlaView;
import org.linedesk.ticket.TicketFirstResponded;
import org.linedesk.ticket.TicketLifecycle;
import org.linedesk.ticket.TicketOpened;
import org.linedesk.ticket.TicketReprioritized;
import org.linedesk.ticket.TicketSnapshot;
import org.linedesk.ticket.TicketStatusChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SLA clocks of every ticket. Ticket events start, pause, resume, stop and re-target them, and
 * each change moves the ticket's one engine timer ({@link ClockTimers}) to {@link #nextEventAt}; when
 * it falls due the job executor calls {@link #timerDue}. Every change runs in the transaction of the
 * command that caused it.
 */
@Service
@Transactional
public class SlaClocks implements SlaView {

    private static final Object TX_CACHE = SlaClocks.class.getName() + ".clocks";

    private final SlaClockRepository clocks;
    private final SlaNotificationRepository notifications;
    private final SlaCatalog catalog;
    private final TicketLifecycle tickets;
    private final ClockTimers timers;
    private final Clock clock;
    private final boolean enabled;
    private final SlaNotificationMailer mailer;
    private final org.springframework.context.ApplicationEventPublisher events;

    SlaClocks(SlaClockRepository clocks, SlaNotificationRepository notifications, SlaCatalog catalog,
              TicketLifecycle tickets, ClockTimers timers, Clock clock,
              @Value("${linedesk.sla.enabled:true}") boolean enabled, SlaNotificationMailer mailer,
              org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.enabled = enabled;
        this.mailer = mailer;
        this.clocks = clocks;
        this.notifications = notifications;
        this.catalog = catalog;
        this.tickets = tickets;
        this.timers = timers;
        this.clock = clock;
    }

    @EventListener
    void onOpened(TicketOpened opened) {
        if (!enabled) {
            return;
        }
        SlaCatalog.Version newest = catalog.newest();
        List<SlaClock> started = ClockLifecycle.start(opened.ticketId(), newest.number(), newest.definitions(),
                new SlaPolicy.TicketFacts(opened.channel(), opened.group(), opened.priority(), null, opened.project()),
                opened.at());
        remember(opened.ticketId(), started);
        rearm(opened.ticketId()); // the timer's id goes into the rows before they are first written: one INSERT each, no UPDATE
        clocks.saveAll(started);
    }

    @EventListener
    void onStatusChanged(TicketStatusChanged change) {
        List<SlaClock> ticketClocks = ticketClocks(change.ticketId());
        if (!ticketClocks.isEmpty()
                && ClockLifecycle.statusChanged(ticketClocks, definitionsOf(ticketClocks), change.from(), change.to(), change.at())) {
            rearm(change.ticketId());
        }
    }

    @EventListener
    void onFirstResponse(TicketFirstResponded responded) {
        List<SlaClock> ticketClocks = ticketClocks(responded.ticketId());
        if (!ticketClocks.isEmpty() && ClockLifecycle.firstResponse(ticketClocks, definitionsOf(ticketClocks), responded.at())) {
            rearm(responded.ticketId());
        }
    }

    @EventListener
    void onReprioritized(TicketReprioritized change) {
        List<SlaClock> ticketClocks = ticketClocks(change.ticketId());
        if (ticketClocks.isEmpty()) {
            return;
        }
        ClockLifecycle.reprioritized(ticketClocks, definitionsOf(ticketClocks), change.to(), change.at());
        rearm(change.ticketId());
    }

    /** When the clock timer of this ticket should fire next; empty when no clock runs towards anything. */
    @Transactional(readOnly = true)
    public Optional<Instant> nextEventAt(long ticketId) {
        List<SlaClock> ticketClocks = ticketClocks(ticketId);
        return ticketClocks.isEmpty() ? Optional.empty() : ClockLifecycle.nextEventAt(ticketClocks, definitionsOf(ticketClocks));
    }

    /**
     * The clock timer of the ticket fell due: records what is due now (idempotent), lets the process
     * escalate a breach, and sets the timer for the next event. Called by the engine's job executor.
     */
    public void timerDue(long ticketId) {
        ticketClocks(ticketId).forEach(c -> c.timerJob(null)); // the firing job is done with
        Set<Metric> breached = fire(ticketId);
        if (!breached.isEmpty()) {
            String processInstanceId = tickets.snapshot(ticketId).processInstanceId();
            events.publishEvent(new SlaBreached(ticketId, processInstanceId, breached)); // the workflow escalates
        }
        rearm(ticketId);
    }

    /** Records the warnings and breaches due now (idempotent); returns the metrics that breached now. */
    Set<Metric> fire(long ticketId) {
        List<SlaClock> ticketClocks = ticketClocks(ticketId);
        Set<Metric> breached = EnumSet.noneOf(Metric.class);
        if (ticketClocks.isEmpty()) {
            return breached;
        }
        Instant now = clock.instant();
        for (ClockLifecycle.Fired fired : ClockLifecycle.fire(ticketClocks, definitionsOf(ticketClocks), now)) {
            SlaClock c = fired.clock();
            for (SlaPolicy.Warning w : fired.warnings()) {
                String text = c.getMetric() + " at " + w.percent() + "% of " + c.getTarget() + ", due " + c.getDueAt();
                tickets.recordSla(ticketId, EventType.SLA_WARNING, c.getMetric().name(), text);
                notify(ticketId, c.getMetric(), "WARNING", w.recipients(), now, text);
            }
            if (fired.breached()) {
                tickets.recordSla(ticketId, EventType.SLA_BREACHED, c.getMetric().name(),
                        c.getMetric() + " target " + c.getTarget() + " breached at " + c.getBreachedAt());
                breached.add(c.getMetric());
            }
        }
        return breached;
    }

    /** Hierarchical escalation: tells whom the policy names for this breach. */
    public void notifyBreach(long ticketId, Metric metric) {
        List<SlaClock> ticketClocks = ticketClocks(ticketId);
        SlaPolicy policy = policyOf(ticketClocks);
        notify(ticketId, metric, "BREACH", policy.onBreach(metric).recipients(), clock.instant(),
                metric + " SLA breached (policy " + policy.id() + ")");
    }

    /** Functional escalation: hands the ticket to the policy's group for this breach, if it names one. */
    public void handOverOnBreach(long ticketId, Metric metric) {
        SlaPolicy policy = policyOf(ticketClocks(ticketId));
        String group = policy.onBreach(metric).handOverTo();
        if (group != null) {
            handOverOnBreach(ticketId, metric, group);
        }
    }

    /** Functional escalation to a group the BPMN names. */
    public void handOverOnBreach(long ticketId, Metric metric, String group) {
        timers.handOverOnBreach(ticketId, group, metric + " SLA breached");
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClockView> clocksOf(long ticketId) {
        Instant now = clock.instant();
        String number = tickets.snapshot(ticketId).number();
        return ticketClocks(ticketId).stream().map(c -> view(c, number, now)).toList();
    }

    /**
     * The deadline the desk promises the customer: the first response while it is owed, else the
     * resolution; empty when no clock runs (SLA off, paused, or already breached).
     */
    @Transactional(readOnly = true)
    public Optional<Deadline> promisedDeadline(long ticketId) {
        Instant now = clock.instant();
        return ticketClocks(ticketId).stream()
                .filter(c -> !c.isStopped() && !c.isPaused() && c.getDueAt() != null && c.getDueAt().isAfter(now))
                .min(java.util.Comparator.comparing(SlaClock::getMetric))
                .map(c -> new Deadline(c.getMetric(), c.getDueAt(), calendarOf(c).zone()));
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
        BusinessCalendar calendar = calendarOf(c);
        Duration used = c.elapsed(now, calendar);
        String state = c.isStopped() ? (c.isBreached() ? "BREACHED" : "MET")
                : c.isPaused() ? "PAUSED" : (c.isBreached() ? "BREACHED" : "RUNNING");
        return new ClockView(c.getTicketId(), number, c.getMetric(), state,
                c.getPolicyId(), c.getDefinitionsVersion(), c.getCalendarId(), c.getPriority(), c.getTarget(), c.getStartedAt(), c.getDueAt(),
                c.getTarget().minus(used), (int) Math.round(100.0 * used.toSeconds() / Math.max(1, c.getTarget().toSeconds())),
                c.getBreachedAt(), c.getStoppedAt());
    }

    private void notify(long ticketId, Metric metric, String kind, Set<String> words, Instant now, String text) {
        TicketSnapshot t = tickets.snapshot(ticketId);
        List<SlaRecipient> recipients = words.stream().sorted().map(w -> SlaRecipient.of(w, t)).distinct().toList();
        notifications.saveAll(recipients.stream()
                .map(r -> new SlaNotification(ticketId, metric, kind, r.text(), now, t.number() + ": " + text)).toList());
        mailer.send(t, metric, kind, recipients, text);
    }

    /** SLA repair changed the ticket's clocks: the timer moves to what is due next under them. */
    void repaired(long ticketId) {
        rearm(ticketId);
    }

    /** Sets the ticket's engine timer to the next event of its clocks; cancels it when nothing can fall due. */
    private void rearm(long ticketId) {
        List<SlaClock> ticketClocks = ticketClocks(ticketId);
        if (ticketClocks.isEmpty()) {
            return;
        }
        String jobId = ticketClocks.get(0).getTimerJobId();
        Optional<Instant> next = nextEventAt(ticketId);
        if (next.isEmpty()) {
            if (jobId != null) {
                timers.cancel(jobId);
                ticketClocks.forEach(c -> c.timerJob(null));
            }
            return;
        }
        if (jobId != null && timers.move(jobId, next.get())) {
            return;
        }
        String scheduled = timers.schedule(ticketId, tickets.snapshot(ticketId).processInstanceId(), next.get());
        ticketClocks.forEach(c -> c.timerJob(scheduled));
    }

    /**
     * The clocks of a ticket, read once per transaction: the engine asks for them several times while
     * it starts or moves a ticket's process, and each query would flush and round-trip.
     */
    private List<SlaClock> ticketClocks(long ticketId) {
        Map<Long, List<SlaClock>> cache = transactionCache();
        List<SlaClock> cached = cache == null ? null : cache.get(ticketId);
        if (cached != null) {
            return cached;
        }
        List<SlaClock> loaded = clocks.findByTicketIdOrderByMetric(ticketId);
        if (cache != null) {
            cache.put(ticketId, loaded);
        }
        return loaded;
    }

    private void remember(long ticketId, List<SlaClock> started) {
        Map<Long, List<SlaClock>> cache = transactionCache();
        if (cache != null) {
            cache.put(ticketId, started);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, List<SlaClock>> transactionCache() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<Long, List<SlaClock>> cache = (Map<Long, List<SlaClock>>) TransactionSynchronizationManager.getResource(TX_CACHE);
        if (cache == null) {
            cache = new HashMap<>();
            TransactionSynchronizationManager.bindResource(TX_CACHE, cache);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TX_CACHE);
                }
            });
        }
        return cache;
    }

    /** The definitions the ticket's clocks run under (one version for all clocks of a ticket). */
    private SlaDefinitions definitionsOf(List<SlaClock> ticketClocks) {
        Integer version = ticketClocks.get(0).getDefinitionsVersion();
        return version == null ? catalog.current() : catalog.version(version);
    }

    private SlaPolicy policyOf(List<SlaClock> ticketClocks) {
        return ClockLifecycle.policyOf(ticketClocks, definitionsOf(ticketClocks));
    }

    private BusinessCalendar calendarOf(SlaClock c) {
        Integer version = c.getDefinitionsVersion();
        return (version == null ? catalog.current() : catalog.version(version)).calendar(c.getCalendarId());
    }

    /** A clock as the API and the UI show it. */
    public record ClockView(long ticketId, String number, Metric metric, String state, String policy,
                            Integer definitionsVersion, String calendar,
                            Priority priority, Duration target, Instant startedAt, Instant dueAt, Duration businessTimeLeft,
                            int percentUsed, Instant breachedAt, Instant stoppedAt) {
    }
}
