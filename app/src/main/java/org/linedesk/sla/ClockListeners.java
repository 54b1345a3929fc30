package org.linedesk.sla;

import java.util.List;

import org.linedesk.ticket.TicketFirstResponded;
import org.linedesk.ticket.TicketOpened;
import org.linedesk.ticket.TicketReprioritized;
import org.linedesk.ticket.TicketStatusChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ticket events start, pause, resume, stop and re-target the clocks ({@link ClockLifecycle}), in the
 * transaction of the command that caused them; each change moves the ticket's timer.
 */
@Component
@Transactional
class ClockListeners {

    private final TicketClocks ticketClocks;
    private final ClockTimer timer;
    private final SlaCatalog catalog;
    private final boolean enabled;

    ClockListeners(TicketClocks ticketClocks, ClockTimer timer, SlaCatalog catalog,
                   @Value("${linedesk.sla.enabled:true}") boolean enabled) {
        this.ticketClocks = ticketClocks;
        this.timer = timer;
        this.catalog = catalog;
        this.enabled = enabled;
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
        ticketClocks.remember(opened.ticketId(), started);
        timer.rearm(opened.ticketId()); // the timer's id goes into the rows before they are first written: one INSERT each, no UPDATE
        ticketClocks.save(started);
    }

    @EventListener
    void onStatusChanged(TicketStatusChanged change) {
        List<SlaClock> clocks = ticketClocks.of(change.ticketId());
        if (!clocks.isEmpty() && ClockLifecycle.statusChanged(clocks, ticketClocks.definitionsOf(clocks), change.from(),
                change.to(), change.at())) {
            timer.rearm(change.ticketId());
        }
    }

    @EventListener
    void onFirstResponse(TicketFirstResponded responded) {
        List<SlaClock> clocks = ticketClocks.of(responded.ticketId());
        if (!clocks.isEmpty() && ClockLifecycle.firstResponse(clocks, ticketClocks.definitionsOf(clocks), responded.at())) {
            timer.rearm(responded.ticketId());
        }
    }

    @EventListener
    void onReprioritized(TicketReprioritized change) {
        List<SlaClock> clocks = ticketClocks.of(change.ticketId());
        if (clocks.isEmpty()) {
            return;
        }
        ClockLifecycle.reprioritized(clocks, ticketClocks.definitionsOf(clocks), change.to(), change.at());
        timer.rearm(change.ticketId());
    }
}
