package org.linedesk.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of a period (see docs/reports.md for each definition). Durations are in seconds; shares and
 * compliance are percentages (null when there is nothing to divide by).
 */
public record Kpis(Map<String, String> period,
                   List<DayFlow> flow,
                   TimeStats firstResponse,
                   TimeStats resolution,
                   List<Compliance> compliance,
                   long breachedClocks,
                   java.time.Instant backlogAt,
                   List<BacklogBucket> backlog,
                   Share handedOverFromFirstLine,
                   Share resolvedByFirstLine,
                   Share reopened,
                   Share resolvedWithin24Hours,
                   List<AgentStats> agents,
                   List<Satisfaction> satisfaction,
                   List<MessageCount> messages) {

    /** Tickets opened ("in") and resolved ("out") on a day, per channel. */
    public record DayFlow(LocalDate day, String channel, long in, long out) {
    }

    /** Median, 90th percentile and mean, in calendar time and in business time (the SLA clock's). */
    public record TimeStats(long tickets, Double calendarMedian, Double calendarP90, Double calendarMean,
                            long withClock, Double businessMedian, Double businessP90, Double businessMean) {
    }

    /**
     * Clocks of a metric decided in the period (stopped in time, or breached), by a dimension:
     * {@code all}, {@code priority}, {@code group}, {@code agent} or {@code channel}.
     */
    public record Compliance(String metric, String dimension, String key, long clocks, long met, long breached,
                             Double percent) {
    }

    /** Open tickets at {@code backlogAt} (the period's end, or now), by the group they were in and their age then. */
    public record BacklogBucket(String group, String age, long tickets) {
    }

    public record Share(long count, long of, Double percent) {
        static Share of(long count, long of) {
            return new Share(count, of, of == 0 ? null : Math.round(1000.0 * count / of) / 10.0);
        }
    }

    /**
     * Customer ratings of the answers sent in the period (a reply, or the resolution notice), by a
     * dimension: {@code all}, {@code group} and {@code agent} (who answered), {@code priority},
     * {@code channel}, {@code day}. {@code satisfied}: quality 4 or 5, of the rated; {@code responseRate}:
     * rated, of the answers sent.
     */
    public record Satisfaction(String dimension, String key, long answers, long rated, Double meanQuality,
                               Double meanSpeed, Share satisfied, Share responseRate) {
    }

    /**
     * Customer messages received and agent replies sent in the period, by {@code all}, {@code day},
     * {@code group} (the queue the ticket was in; for a reply the group that answered) and {@code agent}
     * (replies only: a customer writes to a ticket, not to an agent, so {@code received} is null there).
     */
    public record MessageCount(String dimension, String key, Long received, long sent) {
    }

    /** Resolved = tickets the agent resolved in the period; replies = public replies written in it. */
    public record AgentStats(String agent, long resolved, long replies, long firstResponses,
                             Double medianFirstResponse) {
    }
}
