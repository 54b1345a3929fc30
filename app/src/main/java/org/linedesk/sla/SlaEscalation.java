package org.linedesk.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.linedesk.ticket.EventType;
import org.linedesk.ticket.TicketLifecycle;
import org.linedesk.ticket.TicketSnapshot;
import org.springframework.stereotype.Component;

/**
 * What falls due: warnings and breaches recorded in the ticket's history and told to the people the
 * policy names (sla_notification, mail); the hierarchical and functional escalation the BPMN asks for.
 */
@Component
class SlaEscalation {

    private final TicketClocks ticketClocks;
    private final SlaNotificationRepository notifications;
    private final SlaNotificationMailer mailer;
    private final TicketLifecycle tickets;
    private final ClockTimers timers;
    private final Clock clock;

    SlaEscalation(TicketClocks ticketClocks, SlaNotificationRepository notifications, SlaNotificationMailer mailer,
                  TicketLifecycle tickets, ClockTimers timers, Clock clock) {
        this.ticketClocks = ticketClocks;
        this.notifications = notifications;
        this.mailer = mailer;
        this.tickets = tickets;
        this.timers = timers;
        this.clock = clock;
    }

    /** Records the warnings and breaches due now (idempotent); returns the metrics that breached now. */
    Set<Metric> fire(long ticketId) {
        List<SlaClock> clocks = ticketClocks.of(ticketId);
        Set<Metric> breached = EnumSet.noneOf(Metric.class);
        if (clocks.isEmpty()) {
            return breached;
        }
        Instant now = clock.instant();
        for (ClockLifecycle.Fired fired : ClockLifecycle.fire(clocks, ticketClocks.definitionsOf(clocks), now)) {
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
    void notifyBreach(long ticketId, Metric metric) {
        SlaPolicy policy = ticketClocks.policyOf(ticketClocks.of(ticketId));
        notify(ticketId, metric, "BREACH", policy.onBreach(metric).recipients(), clock.instant(),
                metric + " SLA breached (policy " + policy.id() + ")");
    }

    /** Functional escalation: hands the ticket to the policy's group for this breach, if it names one. */
    void handOverOnBreach(long ticketId, Metric metric) {
        String group = ticketClocks.policyOf(ticketClocks.of(ticketId)).onBreach(metric).handOverTo();
        if (group != null) {
            handOverOnBreach(ticketId, metric, group);
        }
    }

    /** Functional escalation to a group the BPMN names. */
    void handOverOnBreach(long ticketId, Metric metric, String group) {
        timers.handOverOnBreach(ticketId, group, metric + " SLA breached");
    }

    private void notify(long ticketId, Metric metric, String kind, Set<String> words, Instant now, String text) {
        TicketSnapshot t = tickets.snapshot(ticketId);
        List<SlaRecipient> recipients = words.stream().sorted().map(w -> SlaRecipient.of(w, t)).distinct().toList();
        notifications.saveAll(recipients.stream()
                .map(r -> new SlaNotification(ticketId, metric, kind, r.text(), now, t.number() + ": " + text)).toList());
        mailer.send(t, metric, kind, recipients, text);
    }
}
