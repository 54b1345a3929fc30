package org.linedesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.Actor;
import org.linedesk.identity.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Full-text search over subjects, customer messages, replies and notes (V15: generated tsvector columns
 * with GIN indexes, the "russian" configuration, which stems Russian and English words), ranked, with a
 * highlighted snippet from the best-matching text. A ticket matches when its whole text (subject and
 * conversation, {@code ticket_text}) has the query's words, or one of its texts has a quoted phrase. Partial words and addresses match by trigram (pg_trgm),
 * a ticket number exactly. The query is read as a web search ({@code websearch_to_tsquery}: words,
 * "quoted phrases", -not, or): it never fails on syntax, whatever the user typed.
 * <p>
 * Who sees what is the rule of {@link TicketFilter}: one's projects' tickets, and for agents only those of
 * their groups. Only those who see customers' addresses whole find tickets by address.
 */
@Service
@Transactional(readOnly = true)
public class TicketSearch {

    public static final int MAX_QUERY_LENGTH = 500;
    /** The newest this many hits are ranked; a common word's older hits come after refining the query. */
    public static final int RANKED = 2000;
    /**
     * A common word is first looked for among the newest this many tickets: when they hold RANKED hits the
     * older ones are not read at all (reading a hundred thousand hits is what made such a search slow).
     */
    static final long NEWEST_FIRST = 100_000;
    /** Around a match in a snippet; chosen so they cannot occur in text (they are removed from it first). */
    static final char MATCH_START = '\u0002';
    static final char MATCH_END = '\u0003';

    private final JdbcClient jdbc;

    TicketSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A ticket found; {@code snippet} alternates plain and matched text (see {@link Fragment}). */
    public record Hit(long id, String number, String subject, Status status, Priority priority, Channel channel,
                      String project, String group, String assignee, Instant createdAt, Instant updatedAt,
                      Instant queuedAt, long version, double rank, List<Fragment> snippet) {
    }

    /** A piece of a snippet; {@code match}: the words the query found, to be highlighted. */
    public record Fragment(String text, boolean match) {
    }

    /** {@code total}: the hits counted, at most {@link #RANKED}; {@code atLeast}: there may be more. */
    public record Results(List<Hit> hits, long total, boolean atLeast) {
    }

    public Results search(TicketFilter filter, Actor actor, int page, int size) {
        String q = filter.text() == null ? "" : filter.text().strip();
        if (q.isEmpty()) {
            throw new InvalidInputException("q", "is empty: type a word, a \"phrase\" or a ticket number");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException("q", "is " + q.length() + " characters long; at most "
                    + MAX_QUERY_LENGTH + " are searched");
        }
        long newest = jdbc.sql("select coalesce(max(id), 0) from ticket").query(Long.class).single();
        // 1. the words among the newest tickets; 2. among all; 3. part of a word, when the words are not found
        Results found = run(filter, q, actor, page, size, false, Math.max(0, newest - NEWEST_FIRST));
        if (found.total() < RANKED && newest > NEWEST_FIRST) {
            found = run(filter, q, actor, page, size, false, 0);
        }
        if (found.total() == 0 && q.length() >= 3) {
            found = run(filter, q, actor, page, size, true, 0);
        }
        return found;
    }

    private Results run(TicketFilter filter, String q, Actor actor, int page, int size, boolean partial, long fromId) {
        StringBuilder conditions = new StringBuilder();
        if (filter.status() != null) {
            conditions.append(" and t.status = :status");
        }
        if (filter.group() != null && !filter.group().isBlank()) {
            conditions.append(" and t.current_group = :group");
        }
        if (filter.priority() != null) {
            conditions.append(" and t.priority = :priority");
        }
        if (filter.channel() != null) {
            conditions.append(" and t.channel = :channel");
        }
        if (filter.project() != null && !filter.project().isBlank()) {
            conditions.append(" and t.project = :project");
        }
        if (!actor.seesAllProjects()) {
            conditions.append(actor.projects().isEmpty() ? " and false" : " and t.project in (:projects)");
        }
        if (!actor.seesAllTickets()) {
            conditions.append(actor.groups().isEmpty() ? " and false" : " and t.current_group in (:groups)");
        }
        boolean byAddress = partial && PersonalData.seesWhole(actor);
        // A "phrase" needs word positions, which only the subject's and each message's own document keep;
        // other queries match the ticket's whole text, so -not means "nowhere in the ticket".
        boolean phrase = q.indexOf('"') >= 0;
        String text = """
                with query as (select websearch_to_tsquery('russian', :q) as tsq),
                matches as (
                    select x.ticket_id as id from ticket_text x, query
                     where not :partial and not :phrase and x.document @@ query.tsq and x.ticket_id > :fromId
                    union
                    select a.ticket_id from article a, query
                     where not :partial and :phrase and a.search_document @@ query.tsq and a.ticket_id > :fromId
                    union
                    select t.id from ticket t, query
                     where not :partial and :phrase and t.search_document @@ query.tsq and t.id > :fromId
                    union
                    select t.id from ticket t
                     where :partial and (lower(t.subject) like :like or (:byAddress and lower(t.requester_email) like :like))
                    union
                    select t.id from ticket t where t.number = :number
                ),
                -- ranking a hundred thousand hits of a common word costs seconds and tells little: only the
                -- newest hits are ranked (ids grow with time), RANKED of them; newest first lets the join
                -- with the caller's permissions stop there instead of joining every hit
                candidates as (
                    select t.id from matches m join ticket t on t.id = m.id
                     where true""" + conditions + """

                     order by m.id desc limit :candidates
                ),
                counted as (select count(*) as total from candidates),
                page as (
                    select t.id, t.number, t.subject, t.status, t.priority, t.channel, t.project, t.current_group,
                           t.assignee, t.created_at, t.updated_at, t.queued_at, t.version,
                           coalesce(ts_rank(x.document, query.tsq), 0) + 2 * ts_rank(t.search_document, query.tsq)
                           + case when t.number = :number then 100 else 0 end as score
                      from candidates c join ticket t on t.id = c.id cross join query
                      left join ticket_text x on x.ticket_id = t.id
                     order by score desc, t.updated_at desc, t.id desc
                     limit :size offset :offset
                )
                select p.*, counted.total,
                       ts_headline('russian', translate(coalesce(best.body, p.subject), chr(2) || chr(3), ''),
                           query.tsq, 'StartSel=' || chr(2) || ', StopSel=' || chr(3)
                           || ', MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "') as snippet
                  from page p cross join query cross join counted
                  left join lateral (
                      select a.body from article a
                       where a.ticket_id = p.id
                       order by ts_rank(a.search_document, query.tsq) desc, a.id limit 1) best on true
                 order by p.score desc, p.updated_at desc, p.id desc""";
        JdbcClient.StatementSpec statement = jdbc.sql(text)
                .param("q", q)
                .param("phrase", phrase)
                .param("candidates", RANKED)
                .param("fromId", fromId)
                .param("partial", partial)
                .param("byAddress", byAddress)
                .param("like", "%" + TicketFilter.escapeLike(q.toLowerCase(java.util.Locale.ROOT)) + "%")
                .param("number", q.toUpperCase(java.util.Locale.ROOT))
                .param("size", size)
                .param("offset", (long) page * size);
        if (filter.status() != null) {
            statement = statement.param("status", filter.status().name());
        }
        if (filter.group() != null && !filter.group().isBlank()) {
            statement = statement.param("group", filter.group());
        }
        if (filter.priority() != null) {
            statement = statement.param("priority", filter.priority().name());
        }
        if (filter.channel() != null) {
            statement = statement.param("channel", filter.channel().name());
        }
        if (filter.project() != null && !filter.project().isBlank()) {
            statement = statement.param("project", filter.project());
        }
        if (!actor.seesAllProjects() && !actor.projects().isEmpty()) {
            statement = statement.param("projects", List.copyOf(actor.projects()));
        }
        if (!actor.seesAllTickets() && !actor.groups().isEmpty()) {
            statement = statement.param("groups", List.copyOf(actor.groups()));
        }
        long[] total = {0};
        List<Hit> hits = statement.query((rs, n) -> {
            total[0] = rs.getLong("total");
            return new Hit(rs.getLong("id"), rs.getString("number"), rs.getString("subject"),
                    Status.valueOf(rs.getString("status")), Priority.valueOf(rs.getString("priority")),
                    Channel.valueOf(rs.getString("channel")), rs.getString("project"), rs.getString("current_group"),
                    rs.getString("assignee"), rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant(), rs.getTimestamp("queued_at").toInstant(),
                    rs.getLong("version"), rs.getDouble("score"), fragments(rs.getString("snippet")));
        }).list();
        if (hits.isEmpty() && page > 0) { // past the last page: the count still matters
            return new Results(hits, run(filter, q, actor, 0, 1, partial, fromId).total(), false);
        }
        return new Results(hits, total[0], total[0] >= RANKED);
    }

    /** "a \u0002b\u0003 c" → [a , b (match), c]. */
    static List<Fragment> fragments(String headline) {
        List<Fragment> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean match = false;
        for (char c : headline.toCharArray()) {
            if (c == MATCH_START || c == MATCH_END) {
                if (current.length() > 0) {
                    parts.add(new Fragment(current.toString(), match));
                    current.setLength(0);
                }
                match = c == MATCH_START;
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            parts.add(new Fragment(current.toString(), match));
        }
        return parts;
    }
}
