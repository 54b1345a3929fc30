package org.linedesk.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.linedesk.identity.Actor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The agent's work list: open tickets of the agent's groups, free or claimed by the agent, soonest SLA
 * due first (then longest waiting). One query over the ticket table and the running clocks.
 */
@Component
class WorkList {

    static final int LIMIT = 100;
    static final List<String> OPEN = List.of("NEW", "OPEN", "IN_PROGRESS");

    private final NamedParameterJdbcTemplate jdbc;
    private final java.time.Clock clock;

    WorkList(NamedParameterJdbcTemplate jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Row(String number, String subject, String priority, String status, String group, String assignee,
               String channel, String hint, Instant queuedAt, Instant due, boolean breached, long version) {
        public boolean claimable() {
            return assignee == null;
        }
    }

    public record Filter(String group, String priority, String status, String channel) {
    }

    List<Row> rows(Actor actor, Filter f) {
        List<String> groups = new ArrayList<>(actor.groups());
        if (f.group() != null && !f.group().isBlank()) {
            groups.retainAll(List.of(f.group()));
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("groups", groups).addValue("me", actor.userId())
                .addValue("statuses", f.status() != null && OPEN.contains(f.status()) ? List.of(f.status()) : OPEN);
        StringBuilder sql = new StringBuilder("""
                select t.number, t.subject, t.priority, t.status, t.current_group, t.assignee, t.channel, t.routing_hint,
                       t.queued_at, t.version, due.at due
                  from ticket t
                  left join lateral (select min(c.due_at) at from sla_clock c
                                      where c.ticket_id = t.id and c.stopped_at is null) due on true
                 where t.current_group in (:groups) and t.status in (:statuses)
                   and (t.assignee is null or t.assignee = :me)""");
        if (f.priority() != null && !f.priority().isBlank()) {
            sql.append(" and t.priority = :priority");
            p.addValue("priority", f.priority());
        }
        if (f.channel() != null && !f.channel().isBlank()) {
            sql.append(" and t.channel = :channel");
            p.addValue("channel", f.channel());
        }
        sql.append(" order by due.at nulls last, t.queued_at limit ").append(LIMIT);
        Instant now = clock.instant();
        return jdbc.query(sql.toString(), p, (rs, i) -> {
            Timestamp due = rs.getTimestamp("due");
            return new Row(rs.getString("number"), rs.getString("subject"), rs.getString("priority"),
                    rs.getString("status"), rs.getString("current_group"), rs.getString("assignee"),
                    rs.getString("channel"), rs.getString("routing_hint"), rs.getTimestamp("queued_at").toInstant(),
                    due == null ? null : due.toInstant(), due != null && due.toInstant().isBefore(now),
                    rs.getLong("version"));
        });
    }
}
