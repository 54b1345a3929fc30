package org.linedesk.sla;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A ticket's clocks, read once per transaction (the engine asks for them several times while it starts
 * or moves a ticket's process, and each query would flush and round-trip), and the definitions version
 * they run under.
 */
@Component
class TicketClocks {

    private static final Object TX_CACHE = TicketClocks.class.getName() + ".clocks";

    private final SlaClockRepository clocks;
    private final SlaCatalog catalog;

    TicketClocks(SlaClockRepository clocks, SlaCatalog catalog) {
        this.clocks = clocks;
        this.catalog = catalog;
    }

    List<SlaClock> of(long ticketId) {
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

    /** Clocks just started (not yet written): later reads in this transaction see them. */
    void remember(long ticketId, List<SlaClock> started) {
        Map<Long, List<SlaClock>> cache = transactionCache();
        if (cache != null) {
            cache.put(ticketId, started);
        }
    }

    void save(List<SlaClock> started) {
        clocks.saveAll(started);
    }

    /** The definitions the ticket's clocks run under (one version for all clocks of a ticket). */
    SlaDefinitions definitionsOf(List<SlaClock> ticketClocks) {
        return definitionsOf(ticketClocks.get(0));
    }

    SlaDefinitions definitionsOf(SlaClock clock) {
        Integer version = clock.getDefinitionsVersion();
        return version == null ? catalog.current() : catalog.version(version);
    }

    SlaPolicy policyOf(List<SlaClock> ticketClocks) {
        return ClockLifecycle.policyOf(ticketClocks, definitionsOf(ticketClocks));
    }

    BusinessCalendar calendarOf(SlaClock clock) {
        return definitionsOf(clock).calendar(clock.getCalendarId());
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
}
