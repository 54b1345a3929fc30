package org.linedesk.report;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hand-made tickets in March 2025 (no other test writes there) whose KPIs are computed by hand in
 * {@link KpiReportTest}. Times are UTC; the reports are read in Europe/Moscow (UTC+3), so March is
 * 2025-02-28T21:00Z .. 2025-03-31T21:00Z.
 * <ul>
 *   <li>T1 opened 27 Feb, answered 27 Feb, resolved 2 Mar by first line (kfl): crosses the period's start.</li>
 *   <li>T2 opened and resolved 5 Mar by first line (kfl), both clocks met.</li>
 *   <li>T3 opened 10 Mar, handed over to passwords, answered late by kpw, resolved 12 Mar late after a
 *       pause (business time below calendar time), reopened once.</li>
 *   <li>T4 opened 31 Mar 22:30Z = 1 Apr 01:30 Moscow: in March in UTC, in April in Moscow; still open.</li>
 *   <li>T5 opened 20 Mar by chat, answered in time by kfl, waiting for the customer.</li>
 * </ul>
 */
final class ReportFixture {

    static final long T1 = 900_000_001L, T2 = 900_000_002L, T3 = 900_000_003L, T4 = 900_000_004L, T5 = 900_000_005L;

    private ReportFixture() {
    }

    static String number(long id) {
        return String.format("INC-%07d", id);
    }

    static synchronized void insert(JdbcTemplate jdbc) {
        if (jdbc.queryForObject("select count(*) from ticket where id = ?", Integer.class, T1) > 0) {
            return;
        }
        ticket(jdbc, T1, "Cannot open invoices", "EMAIL", "P3", "RESOLVED", "first-line", "kfl", 0,
                "2025-02-27T09:00:00Z", "2025-02-27T10:00:00Z", "2025-03-02T09:00:00Z");
        ticket(jdbc, T2, "=HYPERLINK(\"http://evil\")", "WEB", "P2", "RESOLVED", "first-line", "kfl", 0,
                "2025-03-05T07:00:00Z", "2025-03-05T07:30:00Z", "2025-03-05T13:00:00Z");
        ticket(jdbc, T3, "Password rejected", "EMAIL", "P3", "RESOLVED", "passwords", "kpw", 1,
                "2025-03-10T06:00:00Z", "2025-03-10T08:00:00Z", "2025-03-12T06:00:00Z");
        ticket(jdbc, T4, "Phone line dead", "PHONE", "P4", "OPEN", "kpi-backlog", null, 0,
                "2025-03-31T22:30:00Z", null, null);
        ticket(jdbc, T5, "Chat: VPN", "CHAT", "P3", "PENDING_CUSTOMER", "first-line", "kfl", 0,
                "2025-03-20T10:00:00Z", "2025-03-20T10:20:00Z", null);

        //    ticket, metric, target, started, stopped, business seconds, breached
        clock(jdbc, 1, T1, "FIRST_RESPONSE", 3600, "2025-02-27T09:00:00Z", "2025-02-27T10:00:00Z", 3600L, null);
        clock(jdbc, 2, T1, "RESOLUTION", 86400, "2025-02-27T09:00:00Z", "2025-03-02T09:00:00Z", 50400L, null);
        clock(jdbc, 3, T2, "FIRST_RESPONSE", 1800, "2025-03-05T07:00:00Z", "2025-03-05T07:30:00Z", 1800L, null);
        clock(jdbc, 4, T2, "RESOLUTION", 28800, "2025-03-05T07:00:00Z", "2025-03-05T13:00:00Z", 21600L, null);
        clock(jdbc, 5, T3, "FIRST_RESPONSE", 3600, "2025-03-10T06:00:00Z", "2025-03-10T08:00:00Z", 5400L, "2025-03-10T07:00:00Z");
        clock(jdbc, 6, T3, "RESOLUTION", 86400, "2025-03-10T06:00:00Z", "2025-03-12T06:00:00Z", 100000L, "2025-03-11T15:00:00Z");
        clock(jdbc, 7, T4, "FIRST_RESPONSE", 14400, "2025-03-31T22:30:00Z", null, null, "2025-04-01T02:30:00Z");
        clock(jdbc, 8, T4, "RESOLUTION", 259200, "2025-03-31T22:30:00Z", null, null, null);
        clock(jdbc, 9, T5, "FIRST_RESPONSE", 3600, "2025-03-20T10:00:00Z", "2025-03-20T10:20:00Z", 1200L, null);
        clock(jdbc, 10, T5, "RESOLUTION", 86400, "2025-03-20T10:00:00Z", null, null, null);

        event(jdbc, 1, T3, "2025-03-10T06:30:00Z", "kfl", "HANDED_OVER", "first-line", "passwords", "needs a reset");
        event(jdbc, 2, T1, "2025-02-27T10:00:00Z", "kfl", "FIRST_RESPONSE", null, null, null);
        event(jdbc, 3, T2, "2025-03-05T07:30:00Z", "kfl", "FIRST_RESPONSE", null, null, null);
        event(jdbc, 4, T3, "2025-03-10T08:00:00Z", "kpw", "FIRST_RESPONSE", null, null, null);
        event(jdbc, 5, T5, "2025-03-20T10:20:00Z", "kfl", "FIRST_RESPONSE", null, null, null);
        event(jdbc, 6, T3, "2025-03-10T06:00:00Z", "system", "PRIORITY_DECIDED", null, "P3", "impact MEDIUM × urgency MEDIUM");
        event(jdbc, 7, T3, "2025-03-10T07:00:00Z", "system", "SLA_BREACHED", null, "FIRST_RESPONSE", "due 07:00");
        // status changes, as the ticket records them: the backlog of a past period is read from these
        event(jdbc, 8, T1, "2025-03-02T09:00:00Z", "system", "STATUS_CHANGED", "IN_PROGRESS", "RESOLVED", null);
        event(jdbc, 9, T2, "2025-03-05T13:00:00Z", "system", "STATUS_CHANGED", "IN_PROGRESS", "RESOLVED", null);
        event(jdbc, 10, T3, "2025-03-11T10:00:00Z", "system", "STATUS_CHANGED", "IN_PROGRESS", "RESOLVED", null);
        event(jdbc, 11, T3, "2025-03-11T12:00:00Z", "system", "STATUS_CHANGED", "RESOLVED", "OPEN", null);
        event(jdbc, 12, T3, "2025-03-12T06:00:00Z", "system", "STATUS_CHANGED", "IN_PROGRESS", "RESOLVED", null);
        event(jdbc, 13, T5, "2025-03-20T10:20:00Z", "system", "STATUS_CHANGED", "IN_PROGRESS", "PENDING_CUSTOMER", null);

        reply(jdbc, 1, T1, "2025-02-27T10:00:00Z", "kfl");
        reply(jdbc, 2, T2, "2025-03-05T07:30:00Z", "kfl");
        reply(jdbc, 3, T2, "2025-03-05T12:00:00Z", "kfl");
        reply(jdbc, 4, T3, "2025-03-10T08:00:00Z", "kpw");
        reply(jdbc, 5, T5, "2025-03-20T10:20:00Z", "kfl");

        // what the customers wrote: each request's first message, and T3's customer writing again in passwords
        customerMessage(jdbc, 11, T1, "2025-02-27T09:00:00Z", "first-line");
        customerMessage(jdbc, 12, T2, "2025-03-05T07:00:00Z", "first-line");
        customerMessage(jdbc, 13, T3, "2025-03-10T06:00:00Z", "first-line");
        customerMessage(jdbc, 14, T3, "2025-03-11T11:30:00Z", "passwords");
        customerMessage(jdbc, 15, T5, "2025-03-20T10:00:00Z", "first-line");
        customerMessage(jdbc, 16, T4, "2025-03-31T22:30:00Z", "kpi-backlog");

        // the answers the customers could rate, and their ratings (T5's is not rated; T1's is in February)
        rated(jdbc, 1, T2, "first-line", "kfl", "P2", "WEB", "2025-03-05T07:30:00Z", 5, 4, null);
        rated(jdbc, 2, T2, "first-line", "kfl", "P2", "WEB", "2025-03-05T12:00:00Z", 4, null, null);
        rated(jdbc, 3, T3, "passwords", "kpw", "P3", "EMAIL", "2025-03-10T08:00:00Z", 1, 2, "Took two days");
        rated(jdbc, 4, T5, "first-line", "kfl", "P3", "CHAT", "2025-03-20T10:20:00Z", null, null, null);
        rated(jdbc, 5, T1, "first-line", "kfl", "P3", "EMAIL", "2025-02-27T10:00:00Z", 3, 3, null);
    }

    static void customerMessage(JdbcTemplate jdbc, long n, long ticket, String at, String queue) {
        jdbc.update("insert into article (id, ticket_id, kind, author, author_name, body, channel, created_at, queue) "
                + "values (?, ?, 'CUSTOMER_MESSAGE', 'customer@example.com', null, ?, 'EMAIL', ?, ?)", 900_000_000L + n,
                ticket, "Message " + n, ts(at), queue);
    }

    /** An answer sent (a rating invitation) and, when {@code quality} is given, the customer's rating an hour later. */
    static void rated(JdbcTemplate jdbc, long n, long ticket, String group, String agent, String priority, String channel,
                      String sent, Integer quality, Integer speed, String comment) {
        jdbc.update("""
                insert into rating_invitation (id, ticket_id, kind, project, group_id, agent, priority, channel, sent_at,
                                               expires_at)
                values (?, ?, 'REPLY', 'default', ?, ?, ?, ?, ?, ?)""", 900_000_000L + n, ticket, group, agent, priority,
                channel, ts(sent), Timestamp.from(Instant.parse(sent).plusSeconds(30L * 86400)));
        if (quality != null) {
            Timestamp at = Timestamp.from(Instant.parse(sent).plusSeconds(3600));
            jdbc.update("insert into rating (invitation_id, quality, speed, comment, first_rated_at, rated_at) "
                    + "values (?, ?, ?, ?, ?, ?)", 900_000_000L + n, quality, speed, comment, at, at);
        }
    }

    static void ticket(JdbcTemplate jdbc, long id, String subject, String channel, String priority, String status,
                       String group, String assignee, int reopens, String created, String responded, String resolved) {
        jdbc.update("""
                insert into ticket (id, number, subject, description, requester_email, channel, impact, urgency, priority,
                                    status, current_group, assignee, last_answered_group, reopen_count, created_at,
                                    updated_at, queued_at, first_responded_at, resolved_at, closed_at, version,
                                    first_responded_by, project)
                values (?, ?, ?, 'fixture', 'customer@example.com', ?, 'MEDIUM', 'MEDIUM', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        null, 0, ?, 'default')""",
                id, number(id), subject, channel, priority, status, group, assignee, group, reopens, ts(created),
                ts(created), ts(created), ts(responded), ts(resolved), responded == null ? null : firstResponder(id));
    }

    /** As the FIRST_RESPONSE events below say: kpw answered T3 first, kfl the others. */
    private static String firstResponder(long id) {
        return id == T3 ? "kpw" : "kfl";
    }

    static void clock(JdbcTemplate jdbc, long n, long ticket, String metric, long target, String started, String stopped,
                      Long business, String breached) {
        jdbc.update("""
                insert into sla_clock (id, ticket_id, metric, policy_id, calendar_id, priority, target_seconds, started_at,
                                       stopped_at, business_seconds, due_at, breached_at, escalated_at, version)
                select ?, id, ?, 'standard', 'support-moscow', priority, ?, ?, ?, ?, ?, ?, ?, 0 from ticket where id = ?""",
                900_000_000L + n, metric, target, ts(started), ts(stopped), business,
                stopped == null ? Timestamp.from(Instant.parse(started).plusSeconds(target)) : null, // running: due
                ts(breached), ts(breached), ticket);
    }

    static void event(JdbcTemplate jdbc, long n, long ticket, String at, String actor, String type, String old,
                      String now, String detail) {
        jdbc.update("insert into ticket_event (id, ticket_id, at, actor, type, old_value, new_value, detail) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", 900_000_000L + n, ticket, ts(at), actor, type, old, now, detail);
    }

    static void reply(JdbcTemplate jdbc, long n, long ticket, String at, String author) {
        jdbc.update("insert into article (id, ticket_id, kind, author, author_name, body, channel, created_at) "
                + "values (?, ?, 'PUBLIC_REPLY', ?, ?, ?, 'EMAIL', ?)", 900_000_000L + n, ticket, author, author,
                "Reply " + n, ts(at));
    }

    static Timestamp ts(String instant) {
        return instant == null ? null : Timestamp.from(Instant.parse(instant));
    }
}
