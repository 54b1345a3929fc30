package org.linedesk.report;

import static org.linedesk.report.CursorExport.instant;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.linedesk.audit.AuditLog;
import org.linedesk.report.table.Column;
import org.linedesk.report.table.TableWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Auditor exports: one ticket's complete record, and the audit log of a period. Reproducible: rows in
 * a fixed order, no "generated at" in the content, the XLSX creation date taken from the data, so the
 * same input gives the same content.
 */
@Service
public class AuditExports {

    private final CursorExport cursor;
    private final NamedParameterJdbcTemplate jdbc;
    private final org.linedesk.ticket.TicketService tickets;

    AuditExports(CursorExport cursor, org.linedesk.ticket.TicketService tickets) {
        this.cursor = cursor;
        this.jdbc = cursor.jdbc();
        this.tickets = tickets;
    }

    /**
     * What a reader of {@code projects} (null: every project) sees of the audit log: those projects' acts,
     * and the whole installation's when they read the default project (the installation's own desk).
     */
    public static AuditLog.Scope auditScope(java.util.Set<String> projects) {
        return projects == null ? AuditLog.Scope.ALL
                : new AuditLog.Scope(projects, projects.contains(org.linedesk.project.Project.DEFAULT));
    }

    /** The project of a ticket the reader may see (404 otherwise). */
    public String projectOf(String number, org.linedesk.identity.Actor reader) {
        return tickets.loadForReading(number, reader).getProject();
    }

    /** The ticket's id, or 404 (also for a ticket of a project the reader does not belong to). */
    public long ticketId(String number, org.linedesk.identity.Actor reader) {
        return tickets.loadForReading(number, reader).getId();
    }

    private static final String TIMELINE = """
            select at, source, actor, type, old_value, new_value, detail from (
                select e.at, 'event' source, e.actor, e.type, e.old_value, e.new_value, e.detail, e.id
                  from ticket_event e where e.ticket_id = :id
                union all
                select a.created_at, 'article', a.author, a.kind, null, a.channel, a.body, a.id
                  from article a where a.ticket_id = :id
                union all
                select n.at, 'sla-notification', 'system', n.kind, n.metric, n.recipient, n.text, n.id
                  from sla_notification n where n.ticket_id = :id
            ) x order by at, source, id""";

    private static final List<Column> TIMELINE_COLUMNS = List.of(Column.dateTime("At"), Column.text("Source", 16),
            Column.text("Actor", 24), Column.text("Type", 18), Column.text("Old", 20), Column.text("New", 24),
            Column.text("Detail / text", 80));

    /**
     * XLSX: sheets Ticket, Timeline (history, conversation and SLA notifications in order), Conversation,
     * SLA clocks and Priority decisions. CSV: the timeline.
     */
    public void ticketHistory(long id, ReportFormat format, ZoneId zone, boolean bom, OutputStream out) throws IOException {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        cursor.inReadOnlyTransaction(() -> {
            Instant created = jdbc.queryForObject("select created_at from ticket where id = :id", p, Timestamp.class)
                    .toInstant();
            try (TableWriter w = Reports.writer(format, zone, bom, out, created, null)) {
                if (format == ReportFormat.XLSX) {
                    ticketSheet(w, p);
                }
                w.table("Timeline", TIMELINE_COLUMNS);
                cursor.rows(TIMELINE, p, w, rs -> new Object[] {instant(rs, 1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
                if (format == ReportFormat.XLSX) {
                    detailSheets(w, p);
                }
            }
            return null;
        });
    }

    private void ticketSheet(TableWriter w, MapSqlParameterSource p) throws IOException {
        w.table("Ticket", List.of(Column.text("Field", 22), Column.text("Value", 60)));
        var t = jdbc.queryForMap("""
                select number, subject, requester_name, requester_email, channel, impact, urgency, priority, status,
                       current_group, assignee, last_answered_group, category, array_to_string(tags, ', ') tags,
                       routing_hint, resolution, reopen_count, follow_up_of, process_instance_id,
                       created_at, first_responded_at, resolved_at, closed_at
                  from ticket where id = :id""", p);
        for (var e : t.entrySet()) {
            Object v = e.getValue();
            w.row(e.getKey(), v instanceof Timestamp ts ? ts.toInstant().toString() : v == null ? null : v.toString());
        }
    }

    private void detailSheets(TableWriter w, MapSqlParameterSource p) throws IOException {
        w.table("Conversation", List.of(Column.dateTime("At"), Column.text("Kind", 16), Column.text("Author", 24),
                Column.text("Name", 20), Column.text("Channel", 9), Column.text("Text", 100),
                Column.text("Attachments", 30)));
        cursor.rows("""
                select a.created_at, a.kind, a.author, a.author_name, a.channel, a.body,
                       (select string_agg(f.filename || ' (' || f.size_bytes || ' bytes)', ', ' order by f.id)
                          from attachment f where f.article_id = a.id) files
                  from article a where a.ticket_id = :id order by a.created_at, a.id""", p, w,
                rs -> new Object[] {instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)});
        w.table("SLA clocks", List.of(Column.text("Metric", 15), Column.text("Policy", 12), Column.text("Calendar", 14),
                Column.text("Priority", 9), Column.duration("Target"), Column.dateTime("Started"),
                Column.text("Paused (from/to)", 50), Column.dateTime("Stopped"), Column.duration("Business time used"),
                Column.dateTime("Due"), Column.dateTime("Breached"), Column.dateTime("Escalated")));
        cursor.rows("""
                select metric, policy_id, calendar_id, priority, target_seconds, started_at, pauses, stopped_at,
                       business_seconds, due_at, breached_at, escalated_at
                  from sla_clock where ticket_id = :id order by metric""", p, w,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        instant(rs, 6), rs.getString(7), instant(rs, 8), (Long) rs.getObject(9), instant(rs, 10),
                        instant(rs, 11), instant(rs, 12)});
        w.table("Priority decisions", List.of(Column.dateTime("At"), Column.text("Actor", 20), Column.text("Type", 18),
                Column.text("Before", 36), Column.text("After", 36), Column.text("Reason and matrix rule", 80)));
        cursor.rows("""
                select at, actor, type, old_value, new_value, detail from ticket_event
                 where ticket_id = :id and type in ('PRIORITY_DECIDED', 'PRIORITY_CHANGED') order by at, id""", p, w,
                rs -> new Object[] {instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)});
    }

    private static final List<Column> LOG_COLUMNS = List.of(Column.dateTime("At"), Column.text("Source", 8),
            Column.text("Ticket / target", 24), Column.text("Actor", 24), Column.text("Action", 18),
            Column.text("Old", 20), Column.text("New", 24), Column.text("Detail", 80));

    /**
     * Every ticket event and every administrative act of the period, in order; returns the rows. Of the
     * query's scope only: its projects' tickets and acts, and the acts of the whole installation (no
     * project) for readers of every project or of the default one.
     */
    public long auditLog(ReportQuery q, ReportFormat format, boolean bom, OutputStream out) throws IOException {
        AuditLog.Scope scope = auditScope(q.scope());
        boolean all = scope.projects() == null;
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("start", Timestamp.from(q.start()))
                .addValue("end", Timestamp.from(q.end())).addValue("all", all)
                .addValue("projects", all || scope.projects().isEmpty() ? List.of("") : scope.projects())
                .addValue("installation", scope.installation());
        return cursor.inReadOnlyTransaction(() -> {
            try (TableWriter w = Reports.writer(format, q.zone(), bom, out, q.start(), null)) {
                w.table("Audit log", LOG_COLUMNS);
                return cursor.rows("""
                        select at, source, target, actor, action, old_value, new_value, detail from (
                            select e.at, 'ticket' source, t.number target, e.actor, e.type action, e.old_value,
                                   e.new_value, e.detail, e.id
                              from ticket_event e join ticket t on t.id = e.ticket_id
                             where e.at >= :start and e.at < :end and (:all or t.project in (:projects))
                            union all
                            select a.at, 'system', a.target, a.actor, a.action, null, null, a.detail, a.id
                              from audit_log a where a.at >= :start and a.at < :end
                               and (:all or a.project in (:projects) or (:installation and a.project is null))
                        ) x order by at, source, id""", p, w, rs -> new Object[] {instant(rs, 1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)});
            }
        });
    }
}
