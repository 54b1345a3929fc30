package org.linedesk.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log of acts that are not a ticket's own history (that is {@code ticket_event}): exports,
 * reloads and changes of definitions, deployments, user and group changes, logins refused, queries
 * refused. Each entry says who, when, from which client address, what, and how it ended. Append-only:
 * the database refuses updates, deletes and truncation.
 */
@Service
public class AuditLog {

    /** The result of an act that succeeded. */
    public static final String OK = "OK";
    /** The actor of acts no user asked for (start-up, timers, scheduled runs). */
    public static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Joins the caller's transaction: the act and its record commit together. */
    @Transactional
    public void record(String actor, String action, String target, String detail) {
        record(actor, action, target, detail, OK);
    }

    /** As {@link #record(String, String, String, String)}, with the act's result ("FAILED: …", "REFUSED: …"). */
    @Transactional
    public void record(String actor, String action, String target, String detail, String result) {
        record(actor, action, target, detail, result, null);
    }

    /**
     * As {@link #record(String, String, String, String, String)}, for an act that concerns one project
     * ({@code project} null: the whole installation); an auditor sees the entries of their projects.
     */
    @Transactional
    public void record(String actor, String action, String target, String detail, String result, String project) {
        jdbc.sql("""
                insert into audit_log (at, actor, action, target, detail, client_address, result, project)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), trim(actor, 320), action, trim(target, 500), trim(detail, 4000),
                        trim(clientAddress(), 64), trim(result == null ? OK : result, 500), project)
                .update();
    }

    /**
     * Recorded at once in a transaction of its own, whatever happens next: an export is on the record
     * even when the download is then cut off, a refused act even though its transaction rolls back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordNow(String actor, String action, String target, String detail) {
        record(actor, action, target, detail, OK);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordNow(String actor, String action, String target, String detail, String result) {
        record(actor, action, target, detail, result, null);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordNow(String actor, String action, String target, String detail, String result, String project) {
        record(actor, action, target, detail, result, project);
    }

    /**
     * Entries of {@code [from, to)}, newest first, at most {@code limit}; {@code actor} and {@code action}
     * narrow the list when given.
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(Instant from, Instant to, String actor, String action, int limit) {
        return search(from, to, actor, action, limit, Scope.ALL);
    }

    /**
     * What a reader may see of the log: every entry ({@link #ALL}), or those of some projects, with or
     * without the acts of the whole installation (entries without a project).
     */
    public record Scope(java.util.Set<String> projects, boolean installation) {
        public static final Scope ALL = new Scope(null, true);
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> search(Instant from, Instant to, String actor, String action, int limit, Scope scope) {
        return jdbc.sql("""
                        select id, at, actor, action, target, detail, client_address, result from audit_log
                         where at >= :from and at < :to
                           and (cast(:actor as varchar) is null or actor = :actor)
                           and (cast(:action as varchar) is null or action = :action)
                           and (:all or project in (:projects) or (:installation and project is null))
                         order by at desc, id desc limit :limit""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("actor", blankToNull(actor)).param("action", blankToNull(action))
                .param("all", scope.projects() == null).param("installation", scope.installation())
                .param("projects", scope.projects() == null || scope.projects().isEmpty() ? List.of("") : scope.projects())
                .param("limit", Math.max(1, Math.min(limit, 5000)))
                .query((rs, row) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    /** The actions recorded so far, for choosing one. */
    @Transactional(readOnly = true)
    public List<String> actions() {
        return jdbc.sql("select distinct action from audit_log order by action").query(String.class).list();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The logged-in user of the current request, or {@value #SYSTEM}. */
    public static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth.getName() == null ? SYSTEM : auth.getName();
    }

    /**
     * The client's address of the current request (the proxy's X-Forwarded-For is honoured only from
     * trusted proxies, see server.forward-headers-strategy), or null outside a request.
     */
    public static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    static String trim(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
