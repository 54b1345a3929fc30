package org.linedesk.report;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.linedesk.core.FieldError;
import org.linedesk.core.InvalidInputException;
import org.linedesk.report.table.Column;
import org.linedesk.report.table.TableWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers' ratings for managers: the rated answers sent in a period (the same selection as the
 * satisfaction KPIs), newest rating first, with the comment and the ticket. Read from the rating
 * module's view {@code rating_answer}.
 */
@Service
@Transactional(readOnly = true)
public class RatingList {

    public static final int MAX_LIMIT = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final KpiQueries kpis;
    private final CursorExport cursor;
    private final Clock clock;

    RatingList(NamedParameterJdbcTemplate jdbc, KpiQueries kpis, CursorExport cursor, Clock clock) {
        this.jdbc = jdbc;
        this.kpis = kpis;
        this.cursor = cursor;
        this.clock = clock;
    }

    /** The scores to select (null: any); each 1–5. */
    public record Scores(Integer quality, Integer speed) {

        public static Scores parse(String quality, String speed) {
            List<FieldError> errors = new ArrayList<>();
            Integer q = score("quality", quality, errors);
            Integer s = score("speed", speed, errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            return new Scores(q, s);
        }

        private static Integer score(String field, String value, List<FieldError> errors) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1 && n <= 5) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // named below
            }
            errors.add(new FieldError(field, "is a score from 1 to 5"));
            return null;
        }
    }

    public record Entry(String ticket, String answer, Instant answeredAt, String group, String agent, String priority,
                        String channel, String project, int quality, Integer speed, String comment, Instant ratedAt) {
    }

    public record Page(List<Entry> ratings, long total, int limit, int offset) {
    }

    public Page list(ReportQuery q, Scores scores, int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "is 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "is 0 or more");
        }
        KpiQueries.Filter f = kpis.filter(q);
        MapSqlParameterSource params = params(f, scores).addValue("limit", limit).addValue("offset", offset);
        long total = jdbc.queryForObject("select count(*) from rating_answer r where " + where(f, scores), params, Long.class);
        List<Entry> rows = jdbc.query(select(f, scores) + " limit :limit offset :offset", params, (rs, i) -> entry(rs));
        return new Page(rows, total, limit, offset);
    }

    static final List<Column> COLUMNS = List.of(Column.text("Ticket", 13), Column.text("Answer", 10),
            Column.dateTime("Answered"), Column.text("Group", 14), Column.text("Agent", 14), Column.text("Priority", 9),
            Column.text("Channel", 9), Column.text("Project", 12), Column.integer("Quality"), Column.integer("Speed"),
            Column.text("Comment", 60), Column.dateTime("Rated"));

    /** Every selected rating as XLSX or CSV, streamed; returns the rows written. */
    public long write(ReportQuery q, Scores scores, ReportFormat format, boolean bom, OutputStream out) throws IOException {
        KpiQueries.Filter f = kpis.filter(q);
        Instant created = q.end().isAfter(clock.instant()) ? q.start() : q.end();
        try (TableWriter w = Reports.writer(format, q.zone(), bom, out, created, null)) {
            w.table("Ratings", COLUMNS);
            return cursor.stream(select(f, scores), params(f, scores), w, rs -> {
                Entry e = entry(rs);
                return new Object[] {e.ticket(), e.answer(), e.answeredAt(), e.group(), e.agent(), e.priority(),
                        e.channel(), e.project(), e.quality(), e.speed(), e.comment(), e.ratedAt()};
            });
        }
    }

    private static String where(KpiQueries.Filter f, Scores scores) {
        return "r.quality is not null and r.sent_at >= :start and r.sent_at < :end" + f.answers("r")
                + (scores.quality() == null ? "" : " and r.quality = :quality")
                + (scores.speed() == null ? "" : " and r.speed = :speed");
    }

    private static String select(KpiQueries.Filter f, Scores scores) {
        return """
                select t.number, r.kind, r.sent_at, r.group_id, r.agent, r.priority, r.channel, r.project, r.quality,
                       r.speed, r.comment, r.rated_at
                  from rating_answer r join ticket t on t.id = r.ticket_id
                 where\s""" + where(f, scores) + " order by r.rated_at desc, r.invitation_id desc";
    }

    private static MapSqlParameterSource params(KpiQueries.Filter f, Scores scores) {
        MapSqlParameterSource params = new MapSqlParameterSource(f.params().getValues());
        return params.addValue("quality", scores.quality()).addValue("speed", scores.speed());
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Object speed = rs.getObject("speed");
        return new Entry(rs.getString("number"), rs.getString("kind").toLowerCase(java.util.Locale.ROOT),
                CursorExport.instant(rs, "sent_at"), rs.getString("group_id"), rs.getString("agent"), rs.getString("priority"),
                rs.getString("channel"), rs.getString("project"), rs.getInt("quality"),
                speed == null ? null : ((Number) speed).intValue(), rs.getString("comment"), CursorExport.instant(rs, "rated_at"));
    }
}
