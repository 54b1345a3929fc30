package org.linedesk.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * KPIs as SQL over LineDesk's own tables (ticket, sla_clock, ticket_event, article), never over engine
 * history. Each measure selects by the instant its event happened, so a ticket opened before the period
 * and resolved in it counts in the period's resolutions but not in its intake.
 */
@Service
public class KpiQueries {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KpiQueries.class);

    public static final List<String> AGE_BUCKETS = List.of("< 1 day", "1-3 days", "3-7 days", "7-30 days", "30+ days");

    private final NamedParameterJdbcTemplate jdbc;
    private final org.linedesk.project.ProjectDirectory projects;
    private final Clock clock;

    /** Queries of one KPI computation that run at the same time (the machine's cores, at least 2). */
    static final int PARALLEL = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final java.util.concurrent.ExecutorService parts = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL,
            runnable -> {
                Thread thread = new Thread(runnable, "kpi-query");
                thread.setDaemon(true);
                return thread;
            });
    private final org.springframework.transaction.support.TransactionTemplate readOnly;

    KpiQueries(NamedParameterJdbcTemplate jdbc, org.linedesk.project.ProjectDirectory projects, Clock clock,
               org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.clock = clock;
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    /**
     * The parts are independent queries: they run side by side on {@link #PARALLEL} connections, each in
     * a read-only transaction of its own (the dashboard's latency is the slowest part, not the sum).
     */
    public Kpis compute(ReportQuery q) {
        Filter f = filter(q);
        Timings time = new Timings();
        var compliance = time.async("compliance", () -> compliance(f));
        var agents = time.async("agents", () -> agents(f));
        var flow = time.async("flow", () -> flow(f));
        var firstResponse = time.async("first response", () -> timeStats(f, "first_responded_at", "FIRST_RESPONSE"));
        var resolution = time.async("resolution", () -> timeStats(f, "resolved_at", "RESOLUTION"));
        var handOvers = time.async("hand-overs", () -> jdbc.queryForMap("""
                select count(*) opened,
                       count(*) filter (where exists (select 1 from ticket_event e where e.ticket_id = t.id
                                        and e.type = 'HANDED_OVER' and e.old_value in (:firstLines))) handed_over
                  from ticket t
                 where t.created_at >= :start and t.created_at < :end""" + f.tickets(), f.params()));
        var resolvedShares = time.async("resolved shares", () -> jdbc.queryForMap("""
                select count(*) resolved,
                       count(*) filter (where t.current_group in (:firstLines)) by_first_line,
                       count(*) filter (where t.reopen_count > 0) reopened,
                       count(*) filter (where t.resolved_at - t.created_at <= interval '24 hours') within_day
                  from ticket t
                 where t.resolved_at >= :start and t.resolved_at < :end""" + f.tickets(), f.params()));
        var backlog = time.async("backlog", () -> backlog(f));
        var satisfaction = time.async("satisfaction", () -> satisfaction(f));
        var messages = time.async("messages", () -> messages(f));

        long breached = join(compliance).stream().filter(c -> c.dimension().equals("all"))
                .mapToLong(Kpis.Compliance::breached).sum();
        Map<String, Object> shares = join(resolvedShares);
        long resolved = number(shares.get("resolved"));
        Kpis kpis = new Kpis(q.describe(), join(flow), join(firstResponse), join(resolution), join(compliance), breached,
                f.backlogAt(), join(backlog), Kpis.Share.of(number(join(handOvers).get("handed_over")), number(join(handOvers).get("opened"))),
                Kpis.Share.of(number(shares.get("by_first_line")), resolved),
                Kpis.Share.of(number(shares.get("reopened")), resolved),
                Kpis.Share.of(number(shares.get("within_day")), resolved),
                join(agents), join(satisfaction), join(messages));
        log.debug("KPIs {}: {}", q.describe(), time);
        return kpis;
    }

    /** The query's period and filters as SQL; the first-line groups are every project's. */
    Filter filter(ReportQuery q) {
        return new Filter(q, projects.firstLines(), clock);
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        parts.shutdown();
    }

    /** How long each part of the KPIs took (debug log: which query to look at when the dashboard is slow). */
    private final class Timings {
        private final Map<String, Long> millis = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final long started = System.nanoTime();

        <T> java.util.concurrent.CompletableFuture<T> async(String part, java.util.function.Supplier<T> query) {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                T result = readOnly.execute(status -> query.get());
                millis.put(part, (System.nanoTime() - start) / 1_000_000);
                return result;
            }, parts);
        }

        @Override
        public String toString() {
            return (System.nanoTime() - started) / 1_000_000 + " ms, parts " + millis;
        }
    }

    private List<Kpis.DayFlow> flow(Filter f) {
        return jdbc.query("""
                select d, channel, sum(i) ins, sum(o) outs from (
                    select (t.created_at at time zone :zone)::date d, t.channel, 1 i, 0 o from ticket t
                     where t.created_at >= :start and t.created_at < :end""" + f.tickets() + """
                    union all
                    select (t.resolved_at at time zone :zone)::date, t.channel, 0, 1 from ticket t
                     where t.resolved_at >= :start and t.resolved_at < :end""" + f.tickets() + """
                ) x group by d, channel order by d, channel""", f.params(),
                (rs, i) -> new Kpis.DayFlow(rs.getObject("d", java.time.LocalDate.class), rs.getString("channel"),
                        rs.getLong("ins"), rs.getLong("outs")));
    }

    /** {@code column}: the ticket's instant that ends the measured time; {@code metric}: the matching clock. */
    private Kpis.TimeStats timeStats(Filter f, String column, String metric) {
        String calendar = "extract(epoch from t." + column + " - t.created_at)";
        return jdbc.queryForObject("""
                select count(*) tickets,
                       percentile_cont(0.5) within group (order by %1$s) cal_median,
                       percentile_cont(0.9) within group (order by %1$s) cal_p90,
                       avg(%1$s) cal_mean,
                       count(c.business_seconds) with_clock,
                       percentile_cont(0.5) within group (order by c.business_seconds) bus_median,
                       percentile_cont(0.9) within group (order by c.business_seconds) bus_p90,
                       avg(c.business_seconds) bus_mean
                  from ticket t
                  left join sla_clock c on c.ticket_id = t.id and c.metric = '%2$s'
                 where t.%3$s >= :start and t.%3$s < :end""".formatted(calendar, metric, column) + f.tickets(),
                f.params(), (rs, i) -> new Kpis.TimeStats(rs.getLong("tickets"), seconds(rs, "cal_median"),
                        seconds(rs, "cal_p90"), seconds(rs, "cal_mean"), rs.getLong("with_clock"),
                        seconds(rs, "bus_median"), seconds(rs, "bus_p90"), seconds(rs, "bus_mean")));
    }

    /** One scan, six groupings: overall and by priority, group, agent, channel and project, per metric. */
    private List<Kpis.Compliance> compliance(Filter f) {
        return jdbc.query("""
                select c.metric,
                       case when grouping(c.priority) = 0 then 'priority'
                            when grouping(t.current_group) = 0 then 'group'
                            when grouping(t.assignee) = 0 then 'agent'
                            when grouping(t.channel) = 0 then 'channel'
                            when grouping(t.project) = 0 then 'project'
                            else 'all' end dimension,
                       case when grouping(c.priority) = 0 then c.priority
                            when grouping(t.current_group) = 0 then t.current_group
                            when grouping(t.assignee) = 0 then t.assignee
                            when grouping(t.channel) = 0 then t.channel
                            when grouping(t.project) = 0 then t.project end dimension_key,
                       count(*) clocks,
                       count(*) filter (where c.breached_at is null) met
                  from sla_clock c
                  join ticket t on t.id = c.ticket_id
                 where coalesce(c.breached_at, c.stopped_at) >= :start
                   and coalesce(c.breached_at, c.stopped_at) < :end""" + f.tickets() + """
                 group by grouping sets ((c.metric), (c.metric, c.priority), (c.metric, t.current_group),
                                         (c.metric, t.assignee), (c.metric, t.channel), (c.metric, t.project))
                 order by 1, 2, 3""", f.params(), (rs, i) -> {
                    long clocks = rs.getLong("clocks");
                    long met = rs.getLong("met");
                    String dimension = rs.getString("dimension");
                    String key = rs.getString("dimension_key");
                    return new Kpis.Compliance(rs.getString("metric"), dimension,
                            dimension.equals("all") ? "all" : key == null ? "(none)" : key, clocks, met, clocks - met,
                            Kpis.Share.of(met, clocks).percent());
                });
    }

    /**
     * Open tickets at the period's end by group and age. For a period that includes today that is now,
     * from the tickets' current state. For a past period it is the state then, from the history: the
     * last status change before the end, and the group from the last move before it (or, if it moved
     * only later, the group it left then).
     */
    private List<Kpis.BacklogBucket> backlog(Filter f) {
        Map<String, Map<String, Long>> byGroup = new TreeMap<>();
        String ageBucket = """
                case when t.created_at > cast(:at as timestamptz) - interval '1 day' then 0
                     when t.created_at > cast(:at as timestamptz) - interval '3 days' then 1
                     when t.created_at > cast(:at as timestamptz) - interval '7 days' then 2
                     when t.created_at > cast(:at as timestamptz) - interval '30 days' then 3
                     else 4 end""";
        String sql = f.backlogIsNow() ? """
                select coalesce(t.current_group, '(none)') grp, %s bucket, count(*) n
                  from ticket t
                 where t.status not in ('RESOLVED', 'CLOSED')""".formatted(ageBucket) + f.tickets() + " group by 1, 2"
                : """
                select coalesce(x.grp, '(none)') grp, x.bucket, count(*) n from (
                    select %s bucket,
                           (select e.new_value from ticket_event e where e.ticket_id = t.id and e.type = 'STATUS_CHANGED'
                               and e.at < :at order by e.at desc, e.id desc limit 1) status_then,
                           coalesce((select e.new_value from ticket_event e where e.ticket_id = t.id and e.type = 'QUEUED'
                                        and e.at < :at order by e.at desc, e.id desc limit 1),
                                    (select e.old_value from ticket_event e where e.ticket_id = t.id and e.type = 'QUEUED'
                                        and e.at >= :at order by e.at, e.id limit 1),
                                    t.current_group) grp
                      from ticket t
                     where t.created_at < :at and (t.closed_at is null or t.closed_at >= :at)""".formatted(ageBucket)
                        + f.ticketsExceptGroup() + """
                ) x
                 where coalesce(x.status_then, 'NEW') not in ('RESOLVED', 'CLOSED')""" + f.groupOf("x.grp") + " group by 1, 2";
        jdbc.query(sql, f.params(), rs -> {
            byGroup.computeIfAbsent(rs.getString("grp"), g -> new LinkedHashMap<>())
                    .put(AGE_BUCKETS.get(rs.getInt("bucket")), rs.getLong("n"));
        });
        List<Kpis.BacklogBucket> rows = new ArrayList<>();
        byGroup.forEach((group, buckets) -> AGE_BUCKETS.forEach(
                age -> rows.add(new Kpis.BacklogBucket(group, age, buckets.getOrDefault(age, 0L)))));
        return rows;
    }

    /** The agent filter means the agent who acted here (resolved, replied, answered first). */
    private List<Kpis.AgentStats> agents(Filter f) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Double> medians = new TreeMap<>();
        jdbc.query("""
                select t.assignee agent, count(*) n from ticket t
                 where t.resolved_at >= :start and t.resolved_at < :end and t.assignee is not null"""
                + f.ticketsExceptAgent() + f.agent("t.assignee") + " group by 1", f.params(),
                rs -> { counts.computeIfAbsent(rs.getString("agent"), a -> new long[3])[0] = rs.getLong("n"); });
        String ticketFilters = f.ticketsExceptAgent().isBlank() ? "" : f.ticketsExceptAgent();
        jdbc.query(ticketFilters.isEmpty() ? """
                select a.author agent, count(*) n from article a
                 where a.kind = 'PUBLIC_REPLY' and a.created_at >= :start and a.created_at < :end"""
                + f.agent("a.author") + " group by 1" : """
                select a.author agent, count(*) n from article a join ticket t on t.id = a.ticket_id
                 where a.kind = 'PUBLIC_REPLY' and a.created_at >= :start and a.created_at < :end"""
                + ticketFilters + f.agent("a.author") + " group by 1", f.params(),
                rs -> { counts.computeIfAbsent(rs.getString("agent"), a -> new long[3])[1] = rs.getLong("n"); });
        jdbc.query("""
                select t.first_responded_by agent, count(*) n,
                       percentile_cont(0.5) within group (order by extract(epoch from t.first_responded_at - t.created_at)) m
                  from ticket t
                 where t.first_responded_at >= :start and t.first_responded_at < :end
                   and t.first_responded_by is not null"""
                + f.ticketsExceptAgent() + f.agent("t.first_responded_by") + " group by 1", f.params(), rs -> {
            counts.computeIfAbsent(rs.getString("agent"), a -> new long[3])[2] = rs.getLong("n");
            medians.put(rs.getString("agent"), seconds(rs, "m"));
        });
        List<Kpis.AgentStats> rows = new ArrayList<>();
        counts.forEach((agent, c) -> rows.add(new Kpis.AgentStats(agent, c[0], c[1], c[2], medians.get(agent))));
        return rows;
    }

    /** Ratings of the answers sent in the period, from the rating module's view {@code rating_answer}. */
    private List<Kpis.Satisfaction> satisfaction(Filter f) {
        return jdbc.query("""
                select case when grouping(a.group_id) = 0 then 'group'
                            when grouping(a.agent) = 0 then 'agent'
                            when grouping(a.priority) = 0 then 'priority'
                            when grouping(a.channel) = 0 then 'channel'
                            when grouping(a.day) = 0 then 'day'
                            else 'all' end dimension,
                       case when grouping(a.group_id) = 0 then a.group_id
                            when grouping(a.agent) = 0 then a.agent
                            when grouping(a.priority) = 0 then a.priority
                            when grouping(a.channel) = 0 then a.channel
                            when grouping(a.day) = 0 then cast(a.day as varchar) end dimension_key,
                       count(*) answers, count(a.quality) rated, avg(a.quality) mean_quality, avg(a.speed) mean_speed,
                       count(*) filter (where a.quality >= 4) satisfied
                  from (select r.*, (r.sent_at at time zone :zone)::date as day from rating_answer r
                         where r.sent_at >= :start and r.sent_at < :end""" + f.answers("r") + """
                       ) a
                 group by grouping sets ((), (a.group_id), (a.agent), (a.priority), (a.channel), (a.day))
                 order by 1, 2""", f.params(), (rs, i) -> {
            String dimension = rs.getString("dimension");
            String key = rs.getString("dimension_key");
            long answers = rs.getLong("answers");
            long rated = rs.getLong("rated");
            return new Kpis.Satisfaction(dimension, dimension.equals("all") ? "all" : key == null ? "(none)" : key,
                    answers, rated, mean(rs, "mean_quality"), mean(rs, "mean_speed"),
                    Kpis.Share.of(rs.getLong("satisfied"), rated), Kpis.Share.of(rated, answers));
        });
    }

    /**
     * Customer messages received and replies sent in the period. The group is the queue the ticket was in
     * when the message was written (older messages, from before LineDesk kept it: the ticket's group now).
     */
    private List<Kpis.MessageCount> messages(Filter f) {
        return jdbc.query("""
                select case when grouping(m.day) = 0 then 'day'
                            when grouping(m.grp) = 0 then 'group'
                            when grouping(m.agent) = 0 then 'agent'
                            else 'all' end dimension,
                       case when grouping(m.day) = 0 then cast(m.day as varchar)
                            when grouping(m.grp) = 0 then m.grp
                            when grouping(m.agent) = 0 then m.agent end dimension_key,
                       count(*) filter (where m.kind = 'CUSTOMER_MESSAGE') received,
                       count(*) filter (where m.kind = 'PUBLIC_REPLY') sent
                  from (select a.kind, (a.created_at at time zone :zone)::date as day,
                               coalesce(a.queue, t.current_group) grp,
                               case when a.kind = 'PUBLIC_REPLY' then a.author end agent
                          from article a join ticket t on t.id = a.ticket_id
                         where a.kind in ('CUSTOMER_MESSAGE', 'PUBLIC_REPLY')
                           and a.created_at >= :start and a.created_at < :end""" + f.ticketFacts() + """
                       ) m
                 where true""" + f.groupOf("m.grp") + f.agent("m.agent") + "\n" + """
                 group by grouping sets ((), (m.day), (m.grp), (m.agent))
                 order by 1, 2""", f.params(), (rs, i) -> {
            String dimension = rs.getString("dimension");
            String key = rs.getString("dimension_key");
            if (dimension.equals("agent") && key == null) {
                return null; // the customers' messages, which no agent wrote
            }
            return new Kpis.MessageCount(dimension, dimension.equals("all") ? "all" : key == null ? "(none)" : key,
                    dimension.equals("agent") ? null : rs.getLong("received"), rs.getLong("sent"));
        }).stream().filter(java.util.Objects::nonNull).toList();
    }

    private static Double mean(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(v * 100) / 100.0;
    }

    private static Double seconds(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(v * 10) / 10.0;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The period and the ticket filters as SQL conditions on {@code ticket t} with named parameters. */
    static final class Filter {
        private final ReportQuery q;
        private final MapSqlParameterSource params = new MapSqlParameterSource();

        private final java.time.Instant backlogAt;
        private final boolean backlogIsNow;

        Filter(ReportQuery q, java.util.Set<String> firstLineGroups, Clock clock) {
            this.q = q;
            java.time.Instant now = clock.instant();
            this.backlogIsNow = q.end().isAfter(now);
            this.backlogAt = backlogIsNow ? now : q.end();
            params.addValue("at", Timestamp.from(backlogAt));
            params.addValue("start", Timestamp.from(q.start()));
            params.addValue("end", Timestamp.from(q.end()));
            params.addValue("now", Timestamp.from(clock.instant()));
            params.addValue("zone", q.zone().getId());
            params.addValue("firstLines", firstLineGroups);
            params.addValue("project", q.project());
            params.addValue("scope", q.scope() == null || q.scope().isEmpty() ? java.util.List.of("") : q.scope());
            params.addValue("group", q.group());
            params.addValue("priority", q.priority() == null ? null : q.priority().name());
            params.addValue("channel", q.channel() == null ? null : q.channel().name());
            params.addValue("agent", q.agent());
        }

        MapSqlParameterSource params() {
            return params;
        }

        String tickets() {
            return ticketsExceptAgent() + agent("t.assignee");
        }

        java.time.Instant backlogAt() {
            return backlogAt;
        }

        boolean backlogIsNow() {
            return backlogIsNow;
        }

        /** As {@link #tickets()} without the group: for measures that take the group from the history. */
        String ticketsExceptGroup() {
            return priorityAndChannel() + agent("t.assignee") + "\n";
        }

        String groupOf(String column) {
            return q.group() == null ? "" : " and " + column + " = :group\n";
        }

        String ticketsExceptAgent() {
            return (q.group() == null ? "" : " and t.current_group = :group") + priorityAndChannel() + "\n";
        }

        /** Also the projects: every variant of the ticket filter keeps to the reader's projects. */
        private String priorityAndChannel() {
            return (q.priority() == null ? "" : " and t.priority = :priority")
                    + (q.channel() == null ? "" : " and t.channel = :channel")
                    + (q.project() == null ? "" : " and t.project = :project")
                    + (q.scope() == null ? "" : " and t.project in (:scope)");
        }

        /** The ticket's own facts (priority, channel, projects) without its group and agent. */
        String ticketFacts() {
            return priorityAndChannel() + "\n";
        }

        /** The filters on the view {@code rating_answer} (alias {@code a}): the facts of the answer. */
        String answers(String a) {
            return (q.group() == null ? "" : " and " + a + ".group_id = :group")
                    + (q.agent() == null ? "" : " and " + a + ".agent = :agent")
                    + (q.priority() == null ? "" : " and " + a + ".priority = :priority")
                    + (q.channel() == null ? "" : " and " + a + ".channel = :channel")
                    + (q.project() == null ? "" : " and " + a + ".project = :project")
                    + (q.scope() == null ? "" : " and " + a + ".project in (:scope)") + "\n";
        }

        String agent(String column) {
            return q.agent() == null ? "" : " and " + column + " = :agent\n";
        }
    }
}
