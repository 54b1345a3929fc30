package org.linedesk.report;

import static org.linedesk.report.CursorExport.instant;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.linedesk.core.InvalidInputException;
import org.linedesk.report.table.Column;
import org.linedesk.report.table.CsvTableWriter;
import org.linedesk.report.table.Summary;
import org.linedesk.report.table.TableWriter;
import org.linedesk.report.table.XlsxTableWriter;
import org.springframework.stereotype.Service;

/**
 * The exportable reports: {@code kpis} (the dashboard's figures), {@code sla-compliance} (one row per
 * ticket whose SLA clock was decided in the period) and {@code breaches} (one row per breached clock).
 * Detail rows are read with a JDBC cursor and written as they come: memory does not grow with rows.
 */
@Service
public class Reports {

    public static final List<String> NAMES = List.of("kpis", "sla-compliance", "breaches");

    private final KpiQueries kpis;
    private final CursorExport cursor;
    private final Clock clock;

    Reports(KpiQueries kpis, CursorExport cursor, Clock clock) {
        this.kpis = kpis;
        this.cursor = cursor;
        this.clock = clock;
    }

    public static String requireKnown(String report) {
        if (!NAMES.contains(report)) {
            throw new InvalidInputException("report", "is one of " + String.join(", ", NAMES));
        }
        return report;
    }

    /** "linedesk-sla-compliance-2026-03-01-to-2026-03-31": the name of an export, without the extension. */
    public static String fileName(String report, ReportQuery q) {
        return "linedesk-" + report + "-" + q.from() + "-to-" + q.to();
    }

    /** The report as JSON: the dashboard's KPIs (the detail reports are files). */
    public Kpis json(String report, ReportQuery q) {
        requireKnown(report);
        if (!report.equals("kpis")) {
            throw jsonOnlyForKpis(report);
        }
        return kpis.compute(q);
    }

    private static InvalidInputException jsonOnlyForKpis(String report) {
        return new InvalidInputException("format", "JSON is offered for kpis only; export " + report + " as xlsx or csv");
    }

    /** Writes the report as XLSX or CSV; returns the number of detail rows. */
    public long write(String report, ReportQuery q, ReportFormat format, boolean byteOrderMark, OutputStream out)
            throws IOException {
        requireKnown(report);
        if (format == ReportFormat.JSON) {
            throw jsonOnlyForKpis(report);
        }
        // the file's creation date is the period's end, not the wall clock: the same export gives the same file
        Instant created = q.end().isAfter(clock.instant()) ? q.start() : q.end();
        return switch (report) {
            case "kpis" -> writeKpis(kpis.compute(q), q, format, byteOrderMark, out, created);
            case "sla-compliance" -> writeCompliance(q, format, byteOrderMark, out, created);
            default -> writeBreaches(q, format, byteOrderMark, out, created);
        };
    }

    private static TableWriter writer(ReportFormat format, ReportQuery q, boolean bom, OutputStream out, Instant created,
                                      Consumer<Summary> summary) throws IOException {
        return writer(format, q.zone(), bom, out, created, summary);
    }

    /** An XLSX (with an optional summary sheet) or a CSV writer; {@code created} fixes the XLSX's date. */
    static TableWriter writer(ReportFormat format, java.time.ZoneId zone, boolean bom, OutputStream out,
                              Instant created, Consumer<Summary> summary) throws IOException {
        return format == ReportFormat.XLSX ? new XlsxTableWriter(out, zone, created, summary)
                : new CsvTableWriter(out, zone, bom);
    }

    private long writeKpis(Kpis k, ReportQuery q, ReportFormat format, boolean bom, OutputStream out, Instant created)
            throws IOException {
        if (format == ReportFormat.CSV) { // one table: every figure as a row
            try (TableWriter w = writer(format, q, bom, out, created, null)) {
                w.table("KPIs", List.of(Column.text("section", 20), Column.text("dimension", 12),
                        Column.text("key", 24), Column.text("measure", 24), Column.number("value")));
                return KpiRows.longFormat(k, w);
            }
        }
        try (TableWriter w = writer(format, q, bom, out, created, s -> KpiRows.summary(k, q, s))) {
            return KpiRows.sheets(k, w);
        }
    }

    private static final List<Column> COMPLIANCE_COLUMNS = List.of(
            Column.text("Ticket", 13), Column.text("Subject", 40), Column.text("Priority", 9),
            Column.text("Group", 14), Column.text("Agent", 14), Column.text("Channel", 9),
            Column.dateTime("Opened"), Column.dateTime("Resolved"),
            Column.duration("First response target"), Column.duration("First response used"),
            Column.text("First response", 14), Column.duration("First response over by"),
            Column.duration("Resolution target"), Column.duration("Resolution used"),
            Column.text("Resolution", 12), Column.duration("Resolution over by"), Column.text("Project", 12));

    private long writeCompliance(ReportQuery q, ReportFormat format, boolean bom, OutputStream out, Instant created)
            throws IOException {
        Kpis k = format == ReportFormat.XLSX ? kpis.compute(q) : null;
        try (TableWriter w = writer(format, q, bom, out, created, k == null ? null : s -> KpiRows.summary(k, q, s))) {
            w.table("SLA compliance", COMPLIANCE_COLUMNS);
            KpiQueries.Filter f = kpis.filter(q);
            return cursor.stream("""
                    select t.number, t.subject, t.priority, t.current_group, t.assignee, t.channel, t.created_at,
                           t.resolved_at,
                           fr.target_seconds fr_target, fr.business_seconds fr_used, fr.breached_at fr_breached,
                           fr.stopped_at fr_stopped,
                           rs.target_seconds rs_target, rs.business_seconds rs_used, rs.breached_at rs_breached,
                           rs.stopped_at rs_stopped, t.project
                      from ticket t
                      left join sla_clock fr on fr.ticket_id = t.id and fr.metric = 'FIRST_RESPONSE'
                      left join sla_clock rs on rs.ticket_id = t.id and rs.metric = 'RESOLUTION'
                     where t.id in (select c.ticket_id from sla_clock c
                                     where coalesce(c.breached_at, c.stopped_at) >= :start
                                       and coalesce(c.breached_at, c.stopped_at) < :end)""" + f.tickets() + """
                     order by t.id""", f.params(), w, rs -> new Object[] {rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, "created_at"),
                    instant(rs, "resolved_at"),
                    seconds(rs, "fr_target"), seconds(rs, "fr_used"), outcome(rs, "fr"), overBy(rs, "fr"),
                    seconds(rs, "rs_target"), seconds(rs, "rs_used"), outcome(rs, "rs"), overBy(rs, "rs"),
                    rs.getString("project")});
        }
    }

    private static final List<Column> BREACH_COLUMNS = List.of(
            Column.text("Ticket", 13), Column.text("Subject", 40), Column.text("Metric", 15),
            Column.text("Priority", 9), Column.text("Group", 14), Column.text("Agent", 14), Column.text("Channel", 9),
            Column.dateTime("Due (breached)"), Column.dateTime("Met late at"), Column.duration("Target"),
            Column.duration("Business time used"), Column.duration("Over by (business)"),
            Column.duration("Over by (calendar)"), Column.text("Project", 12));

    private long writeBreaches(ReportQuery q, ReportFormat format, boolean bom, OutputStream out, Instant created)
            throws IOException {
        try (TableWriter w = writer(format, q, bom, out, created, null)) {
            w.table("Breaches", BREACH_COLUMNS);
            KpiQueries.Filter f = kpis.filter(q);
            return cursor.stream("""
                    select t.number, t.subject, c.metric, t.priority, t.current_group, t.assignee, t.channel,
                           c.breached_at, c.stopped_at, c.target_seconds, c.business_seconds,
                           extract(epoch from coalesce(c.stopped_at, cast(:now as timestamptz)) - c.breached_at) over_calendar,
                           t.project
                      from sla_clock c
                      join ticket t on t.id = c.ticket_id
                     where coalesce(c.breached_at, c.stopped_at) >= :start
                       and coalesce(c.breached_at, c.stopped_at) < :end
                       and c.breached_at is not null""" + f.tickets() + """
                     order by c.breached_at, c.id""", f.params(), w, rs -> {
                Long used = (Long) rs.getObject("business_seconds");
                long target = rs.getLong("target_seconds");
                return new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, "breached_at"),
                        instant(rs, "stopped_at"), target, used, used == null ? null : Math.max(0, used - target),
                        rs.getDouble("over_calendar"), rs.getString("project")};
            });
        }
    }

    private static Long seconds(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String outcome(ResultSet rs, String clock) throws SQLException {
        if (rs.getObject(clock + "_target") == null) {
            return null;
        }
        return rs.getTimestamp(clock + "_breached") != null ? "BREACHED"
                : rs.getTimestamp(clock + "_stopped") != null ? "MET" : "RUNNING";
    }

    /** Business time over the target, once a breached clock stopped. */
    private static Long overBy(ResultSet rs, String clock) throws SQLException {
        Long used = seconds(rs, clock + "_used");
        Long target = seconds(rs, clock + "_target");
        return used == null || target == null || rs.getTimestamp(clock + "_breached") == null ? null
                : Math.max(0, used - target);
    }
}
