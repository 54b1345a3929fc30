package org.linedesk.audit;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log of acts that are not a ticket's own history (that is {@code ticket_event}): exports,
 * report subscriptions, template and routing changes. Append-only: the database refuses updates and
 * deletes.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Joins the caller's transaction: the act and its record commit together. */
    @Transactional
    public void record(String actor, String action, String target, String detail) {
        jdbc.sql("insert into audit_log (at, actor, action, target, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, action, trim(target, 500), trim(detail, 4000)).update();
    }

    /**
     * Recorded at once in a transaction of its own, whatever happens next: an export is on the record
     * even when the download is then cut off.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordNow(String actor, String action, String target, String detail) {
        record(actor, action, target, detail);
    }

    private static String trim(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
