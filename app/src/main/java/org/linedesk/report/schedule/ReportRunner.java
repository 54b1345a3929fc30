package org.linedesk.report.schedule;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.linedesk.audit.AuditLog;
import org.linedesk.mail.Outbox;
import org.linedesk.mail.OutgoingMail;
import org.linedesk.report.ReportFormat;
import org.linedesk.report.ReportQuery;
import org.linedesk.report.ReportSettings;
import org.linedesk.report.Reports;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a subscription once: records the run, renders the report into memory (bounded), and in one
 * transaction queues the mail with the file and marks the run sent. A failure is recorded with its
 * reason and retried later, up to {@code linedesk.reports.max-attempts}; nothing is dropped silently.
 */
@Component
class ReportRunner {

    private static final Logger log = LoggerFactory.getLogger(ReportRunner.class);

    private final ReportSubscriptions subscriptions;
    private final Reports reports;
    private final Outbox outbox;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Scheduler scheduler;
    private final ReportSettings settings;
    private final Clock clock;

    ReportRunner(ReportSubscriptions subscriptions, Reports reports, Outbox outbox, AuditLog audit, JdbcClient jdbc,
                 TransactionTemplate tx, Scheduler scheduler, ReportSettings settings, Clock clock) {
        this.subscriptions = subscriptions;
        this.reports = reports;
        this.outbox = outbox;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
    }

    void run(long subscriptionId, Instant scheduledFor, int attempt) {
        Subscription s = subscriptions.find(subscriptionId).orElse(null);
        if (s == null || !s.enabled()) {
            log.info("Report subscription {} is gone or disabled; run for {} skipped", subscriptionId, scheduledFor);
            return;
        }
        ZoneId zone = ZoneId.of(s.zone());
        LocalDate[] period = Subscription.periodFor(s.period(), LocalDate.ofInstant(scheduledFor, zone));
        long runId = tx.execute(status -> jdbc.sql("""
                insert into report_run (subscription_id, scheduled_for, started_at, status, attempt, period_from, period_to)
                values (?, ?, ?, 'RUNNING', ?, ?, ?) returning id""")
                .params(s.id(), Timestamp.from(scheduledFor), Timestamp.from(clock.instant()), attempt, period[0], period[1])
                .query(Long.class).single());
        try {
            ReportQuery parsed = ReportQuery.parse(period[0].toString(), period[1].toString(), s.zone(),
                    s.filters().get("project"), s.filters().get("group"), s.filters().get("priority"),
                    s.filters().get("channel"), s.filters().get("agent"), clock);
            // the projects of whoever set it up, never more (null: every project, an administrator's)
            ReportQuery q = new ReportQuery(parsed.from(), parsed.to(), parsed.zone(), parsed.group(), parsed.priority(),
                    parsed.channel(), parsed.agent(), parsed.project(),
                    s.projects() == null ? null : java.util.Set.copyOf(s.projects()));
            ReportFormat format = ReportFormat.parse(s.format(), ReportFormat.XLSX);
            BoundedBuffer file = new BoundedBuffer(settings.maxMailedSize().toBytes());
            long rows = reports.write(s.report(), q, format, false, file);
            String fileName = Reports.fileName(s.report(), q) + "." + format.extension();
            tx.executeWithoutResult(status -> {
                String messageId = outbox.enqueue(new OutgoingMail(null, OutgoingMail.Purpose.REPORT, null,
                        s.recipients(), "LineDesk report: " + s.name() + " (" + period[0] + " – " + period[1] + ")",
                        body(s, period), null, List.of(),
                        new OutgoingMail.File(fileName, format.contentType(), file.toByteArray())));
                jdbc.sql("""
                        update report_run set status = 'SENT', finished_at = ?, rows_written = ?, message_id = ?
                         where id = ?""").params(Timestamp.from(clock.instant()), rows, messageId, runId).update();
                audit.record("system", "REPORT_SENT", "subscription " + s.id(), s.report() + " " + period[0] + ".."
                        + period[1] + " to " + String.join(", ", s.recipients()));
            });
        } catch (Exception e) {
            failed(s, runId, scheduledFor, attempt, e);
        }
    }

    private void failed(Subscription s, long runId, Instant scheduledFor, int attempt, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String retry = "";
        if (attempt < settings.maxAttempts()) {
            Instant at = clock.instant().plus(settings.retryAfter().multipliedBy(attempt));
            try {
                scheduler.scheduleJob(TriggerBuilder.newTrigger()
                        .forJob(JobKey.jobKey(ReportSubscriptions.jobName(s.id()), ReportSubscriptions.GROUP))
                        .withIdentity("retry-" + runId, ReportSubscriptions.GROUP)
                        .usingJobData(ReportJob.SCHEDULED_FOR, scheduledFor.toEpochMilli())
                        .usingJobData(ReportJob.ATTEMPT, attempt + 1)
                        .startAt(Date.from(at)).build());
                retry = "; retry " + (attempt + 1) + " of " + settings.maxAttempts() + " at " + at;
            } catch (SchedulerException se) {
                retry = "; the retry could not be scheduled: " + se.getMessage();
            }
        } else {
            retry = "; no attempts left";
        }
        String error = reason + retry;
        log.error("Report subscription {} ('{}') run {} failed: {}", s.id(), s.name(), runId, error, e);
        tx.executeWithoutResult(status -> jdbc.sql("""
                update report_run set status = 'FAILED', finished_at = ?, error = ? where id = ?""")
                .params(Timestamp.from(clock.instant()), error.length() > 4000 ? error.substring(0, 4000) : error, runId)
                .update());
    }

    private static String body(Subscription s, LocalDate[] period) {
        return """
                Attached: the LineDesk report "%s" (%s) for %s to %s (%s)%s.

                This mail is sent by the subscription %d, set up by %s. Subscriptions are managed at
                /api/reports/subscriptions.
                """.formatted(s.name(), s.report(), period[0], period[1], s.zone(),
                s.filters().isEmpty() ? "" : ", filters " + s.filters(), s.id(), s.createdBy());
    }

    /** The rendered file, refused once it exceeds what may be mailed. */
    static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long max;

        BoundedBuffer(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            bytes.write(b, off, len);
        }

        private void check(int more) throws IOException {
            if (bytes.size() + (long) more > max) {
                throw new IOException("the report is larger than " + max / (1024 * 1024)
                        + " MB (linedesk.reports.max-mailed-size); narrow the filters or the period");
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
