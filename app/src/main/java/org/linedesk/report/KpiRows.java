package org.linedesk.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linedesk.report.table.Column;
import org.linedesk.report.table.Summary;
import org.linedesk.report.table.TableWriter;

/** How the KPIs are laid out in files: a summary sheet with a chart and detail sheets, or one long CSV table. */
final class KpiRows {

    private KpiRows() {
    }

    static void summary(Kpis k, ReportQuery q, Summary s) {
        s.title("LineDesk KPIs");
        q.describe().forEach((key, value) -> s.value(key, Column.Type.TEXT, value));
        s.blank();
        s.title("First response");
        times(s, k.firstResponse());
        s.title("Resolution");
        times(s, k.resolution());
        s.blank();
        s.value("SLA clocks breached", Column.Type.INTEGER, k.breachedClocks());
        s.value("Handed over from first line (% of opened)", Column.Type.PERCENT, k.handedOverFromFirstLine().percent());
        s.value("Resolved by first line (% of resolved)", Column.Type.PERCENT, k.resolvedByFirstLine().percent());
        s.value("Reopened (% of resolved)", Column.Type.PERCENT, k.reopened().percent());
        s.value("Resolved within 24 hours (% of resolved)", Column.Type.PERCENT, k.resolvedWithin24Hours().percent());
        s.blank();
        s.title("Customer satisfaction (answers sent in the period)");
        Kpis.Satisfaction all = overall(k);
        s.value("Answers sent", Column.Type.INTEGER, all == null ? 0 : all.answers());
        s.value("Rated (% of answers)", Column.Type.PERCENT, all == null ? null : all.responseRate().percent());
        s.value("Mean quality (1-5)", Column.Type.NUMBER, all == null ? null : all.meanQuality());
        s.value("Mean speed (1-5)", Column.Type.NUMBER, all == null ? null : all.meanSpeed());
        s.value("Satisfied, quality 4-5 (% of rated)", Column.Type.PERCENT, all == null ? null : all.satisfied().percent());
        s.blank();
        s.title("SLA compliance by priority");
        Map<String, Double[]> byPriority = new java.util.TreeMap<>();
        for (Kpis.Compliance c : k.compliance()) {
            if (c.dimension().equals("priority") || c.dimension().equals("all")) {
                int metric = c.metric().equals("FIRST_RESPONSE") ? 0 : 1;
                byPriority.computeIfAbsent(c.dimension().equals("all") ? "All" : c.key(), p -> new Double[2])[metric] = c.percent();
            }
        }
        List<Object[]> rows = new ArrayList<>();
        byPriority.forEach((priority, pct) -> rows.add(new Object[] {priority, pct[0], pct[1]}));
        int first = s.table(List.of(Column.text("Priority", 10), Column.percent("First response"),
                Column.percent("Resolution")), rows);
        s.barChart("SLA compliance by priority", first, first + rows.size() - 1, 0, new int[] {1, 2},
                new String[] {"First response", "Resolution"});
    }

    private static Kpis.Satisfaction overall(Kpis k) {
        return k.satisfaction().stream().filter(x -> x.dimension().equals("all")).findFirst().orElse(null);
    }

    private static void times(Summary s, Kpis.TimeStats t) {
        s.value("tickets", Column.Type.INTEGER, t.tickets());
        s.value("median (calendar)", Column.Type.DURATION, t.calendarMedian());
        s.value("90th percentile (calendar)", Column.Type.DURATION, t.calendarP90());
        s.value("mean (calendar)", Column.Type.DURATION, t.calendarMean());
        s.value("median (business)", Column.Type.DURATION, t.businessMedian());
        s.value("90th percentile (business)", Column.Type.DURATION, t.businessP90());
        s.value("mean (business)", Column.Type.DURATION, t.businessMean());
    }

    /** The detail sheets; returns the number of rows written. */
    static long sheets(Kpis k, TableWriter w) throws IOException {
        long rows = 0;
        w.table("Intake and resolved", List.of(Column.date("Day"), Column.text("Channel", 10), Column.integer("In"),
                Column.integer("Out")));
        for (Kpis.DayFlow d : k.flow()) {
            w.row(d.day(), d.channel(), d.in(), d.out());
            rows++;
        }
        w.table("SLA compliance", List.of(Column.text("Metric", 15), Column.text("By", 9), Column.text("Key", 16),
                Column.integer("Clocks"), Column.integer("Met"), Column.integer("Breached"), Column.percent("Compliance")));
        for (Kpis.Compliance c : k.compliance()) {
            w.row(c.metric(), c.dimension(), c.key(), c.clocks(), c.met(), c.breached(), c.percent());
            rows++;
        }
        w.table("Agents", List.of(Column.text("Agent", 16), Column.integer("Resolved"), Column.integer("Replies"),
                Column.integer("First responses"), Column.duration("Median first response")));
        for (Kpis.AgentStats a : k.agents()) {
            w.row(a.agent(), a.resolved(), a.replies(), a.firstResponses(), a.medianFirstResponse());
            rows++;
        }
        w.table("Backlog at end", List.of(Column.text("Group", 16), Column.text("Age", 10), Column.integer("Open tickets")));
        for (Kpis.BacklogBucket b : k.backlog()) {
            w.row(b.group(), b.age(), b.tickets());
            rows++;
        }
        w.table("Satisfaction", List.of(Column.text("By", 9), Column.text("Key", 16), Column.integer("Answers sent"),
                Column.integer("Rated"), Column.percent("Response rate"), Column.number("Mean quality"),
                Column.number("Mean speed"), Column.percent("Satisfied (4-5)")));
        for (Kpis.Satisfaction x : k.satisfaction()) {
            w.row(x.dimension(), x.key(), x.answers(), x.rated(), x.responseRate().percent(), x.meanQuality(),
                    x.meanSpeed(), x.satisfied().percent());
            rows++;
        }
        w.table("Messages", List.of(Column.text("By", 9), Column.text("Key", 16), Column.integer("Received from customers"),
                Column.integer("Replies sent")));
        for (Kpis.MessageCount m : k.messages()) {
            w.row(m.dimension(), m.key(), m.received(), m.sent());
            rows++;
        }
        return rows;
    }

    /** Every figure as (section, dimension, key, measure, value). */
    static long longFormat(Kpis k, TableWriter w) throws IOException {
        long rows = 0;
        for (Kpis.DayFlow d : k.flow()) {
            w.row("flow", "day/channel", d.day() + " " + d.channel(), "in", d.in());
            w.row("flow", "day/channel", d.day() + " " + d.channel(), "out", d.out());
            rows += 2;
        }
        for (var entry : timeFigures(k.firstResponse()).entrySet()) {
            w.row("first-response", "all", "all", entry.getKey(), entry.getValue());
            rows++;
        }
        for (var entry : timeFigures(k.resolution()).entrySet()) {
            w.row("resolution", "all", "all", entry.getKey(), entry.getValue());
            rows++;
        }
        for (Kpis.Compliance c : k.compliance()) {
            w.row("sla-" + c.metric().toLowerCase(java.util.Locale.ROOT), c.dimension(), c.key(), "clocks", c.clocks());
            w.row("sla-" + c.metric().toLowerCase(java.util.Locale.ROOT), c.dimension(), c.key(), "breached", c.breached());
            w.row("sla-" + c.metric().toLowerCase(java.util.Locale.ROOT), c.dimension(), c.key(), "compliance-percent", c.percent());
            rows += 3;
        }
        Map<String, Kpis.Share> shares = new LinkedHashMap<>();
        shares.put("handed-over-from-first-line", k.handedOverFromFirstLine());
        shares.put("resolved-by-first-line", k.resolvedByFirstLine());
        shares.put("reopened", k.reopened());
        shares.put("resolved-within-24-hours", k.resolvedWithin24Hours());
        for (var entry : shares.entrySet()) {
            w.row("shares", "all", entry.getKey(), "percent", entry.getValue().percent());
            rows++;
        }
        for (Kpis.AgentStats a : k.agents()) {
            w.row("agents", "agent", a.agent(), "resolved", a.resolved());
            w.row("agents", "agent", a.agent(), "replies", a.replies());
            w.row("agents", "agent", a.agent(), "median-first-response-seconds", a.medianFirstResponse());
            rows += 3;
        }
        for (Kpis.BacklogBucket b : k.backlog()) {
            w.row("backlog-at-end", "group/age", b.group() + " " + b.age(), "open", b.tickets());
            rows++;
        }
        for (Kpis.Satisfaction x : k.satisfaction()) {
            w.row("satisfaction", x.dimension(), x.key(), "answers", x.answers());
            w.row("satisfaction", x.dimension(), x.key(), "rated", x.rated());
            w.row("satisfaction", x.dimension(), x.key(), "response-rate-percent", x.responseRate().percent());
            w.row("satisfaction", x.dimension(), x.key(), "mean-quality", x.meanQuality());
            w.row("satisfaction", x.dimension(), x.key(), "mean-speed", x.meanSpeed());
            w.row("satisfaction", x.dimension(), x.key(), "satisfied-percent", x.satisfied().percent());
            rows += 6;
        }
        for (Kpis.MessageCount m : k.messages()) {
            if (m.received() != null) {
                w.row("messages", m.dimension(), m.key(), "received", m.received());
                rows++;
            }
            w.row("messages", m.dimension(), m.key(), "sent", m.sent());
            rows++;
        }
        return rows;
    }

    private static Map<String, Object> timeFigures(Kpis.TimeStats t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tickets", t.tickets());
        m.put("median-calendar-seconds", t.calendarMedian());
        m.put("p90-calendar-seconds", t.calendarP90());
        m.put("mean-calendar-seconds", t.calendarMean());
        m.put("median-business-seconds", t.businessMedian());
        m.put("p90-business-seconds", t.businessP90());
        m.put("mean-business-seconds", t.businessMean());
        return m;
    }
}
