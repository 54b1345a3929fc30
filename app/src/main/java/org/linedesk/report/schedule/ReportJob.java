package org.linedesk.report.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job of one subscription. A firing of its cron trigger runs the report for the period
 * before the scheduled time (also when it fires late, after a downtime); a retry trigger carries the
 * original scheduled time and the attempt number.
 */
@DisallowConcurrentExecution
class ReportJob extends QuartzJobBean {

    static final String SUBSCRIPTION = "subscriptionId";
    static final String SCHEDULED_FOR = "scheduledFor";
    static final String ATTEMPT = "attempt";

    private final ReportRunner runner;

    ReportJob(ReportRunner runner) {
        this.runner = runner;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        long subscription = data.getLong(SUBSCRIPTION);
        Instant scheduledFor = data.containsKey(SCHEDULED_FOR) ? Instant.ofEpochMilli(data.getLong(SCHEDULED_FOR))
                : lastDue(context);
        int attempt = data.containsKey(ATTEMPT) ? data.getInt(ATTEMPT) : 1;
        runner.run(subscription, scheduledFor, attempt);
    }

    /**
     * The latest time the cron schedule was due at or before this firing. On time that is the scheduled
     * time; after a downtime Quartz fires once "now" (misfire instruction), and the report must still
     * cover the period of the occurrence that was missed, not a later one.
     */
    static Instant lastDue(JobExecutionContext context) {
        Date fired = context.getFireTime();
        if (!(context.getTrigger() instanceof CronTrigger trigger)) {
            return context.getScheduledFireTime().toInstant();
        }
        try {
            CronExpression cron = new CronExpression(trigger.getCronExpression());
            cron.setTimeZone(trigger.getTimeZone());
            // look back in growing windows so that a schedule every second costs as little as a monthly one
            for (Duration window : WINDOWS) {
                Date due = cron.getNextValidTimeAfter(Date.from(fired.toInstant().minus(window)));
                if (due == null || due.after(fired)) {
                    continue;
                }
                for (Date next = cron.getNextValidTimeAfter(due); next != null && !next.after(fired);
                     next = cron.getNextValidTimeAfter(next)) {
                    due = next;
                }
                return due.toInstant();
            }
        } catch (java.text.ParseException e) {
            // validated when saved; fall through
        }
        return context.getScheduledFireTime().toInstant();
    }

    private static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofDays(1), Duration.ofDays(8), Duration.ofDays(32), Duration.ofDays(367));
}
