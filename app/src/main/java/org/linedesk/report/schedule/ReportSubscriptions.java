package org.linedesk.report.schedule;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.linedesk.audit.AuditLog;
import org.linedesk.identity.Actor;
import org.linedesk.core.ConflictException;
import org.linedesk.core.FieldError;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.NotFoundException;
import org.linedesk.report.ReportQuery;
import org.linedesk.report.Reports;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Report subscriptions, stored in {@code report_subscription}, each with a Quartz job and cron trigger
 * in the same transaction (Quartz's JDBC store shares the database and the transaction). A schedule
 * missed while LineDesk was down fires once when it is back (misfire instruction "fire and proceed").
 */
@Service
public class ReportSubscriptions {

    static final String GROUP = "report-subscriptions";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+$");
    private static final int MAX_RECIPIENTS = 50;

    private final JdbcClient jdbc;
    private final Scheduler scheduler;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;
    private final org.linedesk.project.ProjectDirectory projects;

    ReportSubscriptions(JdbcClient jdbc, Scheduler scheduler, ObjectMapper json, AuditLog audit, Clock clock,
                        org.linedesk.project.ProjectDirectory projects) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a client sends to create or change a subscription ({@code version}: the one it edited). */
    public record Request(String name, String report, String format, Map<String, String> filters, String period,
                          String cron, String zone, List<String> recipients, Boolean enabled, Long version) {
    }

    public record Run(long id, Instant scheduledFor, Instant startedAt, Instant finishedAt, String status, int attempt,
                      java.time.LocalDate periodFrom, java.time.LocalDate periodTo, Long rowsWritten, String messageId,
                      String error) {
    }

    static String jobName(long id) {
        return "subscription-" + id;
    }

    /** A new subscription reporting on the creator's projects (an administrator's: on every project). */
    @Transactional
    public Subscription create(Request r, Actor actor) {
        Request v = validate(r, actor);
        Instant now = clock.instant();
        String[] scope = actor.seesAllProjects() ? null : actor.projects().stream().sorted().toArray(String[]::new);
        long id = jdbc.sql("""
                insert into report_subscription (name, report, format, filters, period, cron, zone, recipients, enabled,
                                                 created_by, created_at, updated_at, projects)
                values (?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(v.name(), v.report(), v.format(), filtersJson(v.filters()), v.period(), v.cron(), v.zone(),
                        v.recipients().toArray(String[]::new), v.enabled(), actor.userId(), Timestamp.from(now),
                        Timestamp.from(now), scope)
                .query(Long.class).single();
        schedule(id, v);
        audit.record(actor.userId(), "SUBSCRIPTION_CREATED", "subscription " + id, describe(v), AuditLog.OK, single(actor));
        return get(id, actor);
    }

    @Transactional
    public Subscription update(long id, Request r, Actor actor) {
        Subscription current = get(id, actor);
        if (r.version() != null && r.version() != current.version()) {
            throw new ConflictException("version", "is " + r.version() + " but the subscription is at version "
                    + current.version() + "; reload it");
        }
        Request v = validate(r, actor);
        jdbc.sql("""
                update report_subscription set name = ?, report = ?, format = ?, filters = cast(? as jsonb), period = ?,
                       cron = ?, zone = ?, recipients = ?, enabled = ?, updated_at = ?, version = version + 1
                 where id = ?""")
                .params(v.name(), v.report(), v.format(), filtersJson(v.filters()), v.period(), v.cron(), v.zone(),
                        v.recipients().toArray(String[]::new), v.enabled(), Timestamp.from(clock.instant()), id)
                .update();
        schedule(id, v);
        audit.record(actor.userId(), "SUBSCRIPTION_CHANGED", "subscription " + id, describe(v), AuditLog.OK, single(actor));
        return get(id, actor);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        get(id, actor);
        try {
            scheduler.deleteJob(JobKey.jobKey(jobName(id), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused to delete the schedule of subscription " + id, e);
        }
        jdbc.sql("delete from report_subscription where id = ?").param(id).update();
        audit.record(actor.userId(), "SUBSCRIPTION_DELETED", "subscription " + id, null);
    }

    /** Runs the subscription now, for the period before today. */
    @Transactional
    public void runNow(long id, Actor actor) {
        get(id, actor);
        try {
            scheduler.triggerJob(JobKey.jobKey(jobName(id), GROUP), new org.quartz.JobDataMap(Map.of(
                    ReportJob.SCHEDULED_FOR, clock.instant().toEpochMilli())));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused to run subscription " + id, e);
        }
        audit.record(actor.userId(), "SUBSCRIPTION_RUN", "subscription " + id, "run now");
    }

    /** The one project an act on a subscription concerns, for the audit log: the actor's only project, if so. */
    private static String single(Actor actor) {
        return !actor.seesAllProjects() && actor.projects().size() == 1 ? actor.projects().iterator().next() : null;
    }

    /** The subscriptions the actor may see (see {@link Subscription#visibleTo}). */
    public List<Subscription> list(Actor actor) {
        return jdbc.sql("select * from report_subscription order by id").query(this::map).list().stream()
                .filter(s -> s.visibleTo(actor)).toList();
    }

    /** A subscription the actor may see; any other is as absent as one that does not exist. */
    public Subscription get(long id, Actor actor) {
        return find(id).filter(s -> s.visibleTo(actor))
                .orElseThrow(() -> new NotFoundException("No report subscription " + id));
    }

    Optional<Subscription> find(long id) {
        return jdbc.sql("select * from report_subscription where id = ?").param(id).query(this::map).optional();
    }

    public List<Run> runs(long id, int limit, Actor actor) {
        get(id, actor);
        return jdbc.sql("""
                select id, scheduled_for, started_at, finished_at, status, attempt, period_from, period_to, rows_written,
                       message_id, error
                  from report_run where subscription_id = ? order by id desc limit ?""")
                .params(id, limit).query(Run.class).list();
    }

    private void schedule(long id, Request v) {
        JobKey job = JobKey.jobKey(jobName(id), GROUP);
        TriggerKey trigger = TriggerKey.triggerKey(jobName(id), GROUP);
        try {
            JobDetail detail = JobBuilder.newJob(ReportJob.class).withIdentity(job).storeDurably()
                    .usingJobData(ReportJob.SUBSCRIPTION, id).withDescription(v.name()).build();
            scheduler.addJob(detail, true);
            scheduler.unscheduleJob(trigger);
            if (v.enabled()) {
                scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(trigger).forJob(job)
                        .withSchedule(CronScheduleBuilder.cronSchedule(v.cron())
                                .inTimeZone(TimeZone.getTimeZone(ZoneId.of(v.zone())))
                                .withMisfireHandlingInstructionFireAndProceed())
                        .build());
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused the schedule of subscription " + id, e);
        }
    }

    private Request validate(Request r, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new FieldError("name", "is required (at most 200 characters)"));
        }
        if (r.report() == null || !Reports.NAMES.contains(r.report())) {
            errors.add(new FieldError("report", "is one of " + String.join(", ", Reports.NAMES)));
        }
        String format = r.format() == null ? "xlsx" : r.format().strip().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("xlsx") && !format.equals("csv")) {
            errors.add(new FieldError("format", "is xlsx or csv"));
        }
        if (r.period() == null || !Subscription.PERIODS.contains(r.period())) {
            errors.add(new FieldError("period", "is one of " + String.join(", ", Subscription.PERIODS)));
        }
        if (r.cron() == null || r.cron().isBlank()) {
            errors.add(new FieldError("cron", "is required, e.g. '0 0 7 ? * MON-FRI' (07:00 on working days)"));
        } else {
            try {
                CronExpression.validateExpression(r.cron().strip());
            } catch (ParseException e) {
                errors.add(new FieldError("cron", "is not a Quartz cron expression (seconds minutes hours day-of-month"
                        + " month day-of-week [year], one of the two days '?'; e.g. '0 0 7 ? * MON-FRI'): "
                        + e.getMessage()));
            }
        }
        String zone = r.zone() == null || r.zone().isBlank() ? "UTC" : r.zone().strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(new FieldError("zone", "is not a time zone; use a region such as Europe/Moscow"));
        }
        List<String> recipients = r.recipients() == null ? List.of()
                : r.recipients().stream().map(String::strip).distinct().toList();
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            errors.add(new FieldError("recipients", "lists 1 to " + MAX_RECIPIENTS + " e-mail addresses"));
        }
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i).length() > 320 || !EMAIL.matcher(recipients.get(i)).matches()) {
                errors.add(new FieldError("recipients[" + i + "]", "'" + recipients.get(i) + "' is not an e-mail address"));
            }
        }
        Map<String, String> filters = new LinkedHashMap<>(r.filters() == null ? Map.of() : r.filters());
        filters.values().removeIf(value -> value == null || value.isBlank());
        for (String key : filters.keySet()) {
            if (!List.of("project", "group", "priority", "channel", "agent").contains(key)) {
                errors.add(new FieldError("filters." + key,
                        "is not a filter; filters are project, group, priority, channel, agent"));
            }
        }
        try {
            ReportQuery.parse(null, null, null, filters.get("project"), filters.get("group"), filters.get("priority"),
                    filters.get("channel"), filters.get("agent"), clock);
        } catch (InvalidInputException e) {
            e.errors().forEach(fe -> errors.add(new FieldError("filters." + fe.field(), fe.reason())));
        }
        String project = filters.get("project");
        if (project != null && projects.find(project).filter(p -> actor.seesProject(p.key())).isEmpty()) {
            errors.add(new FieldError("filters.project", "no project '" + project + "'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Request(r.name().strip(), r.report(), format, filters, r.period(), r.cron().strip(), zone, recipients,
                r.enabled() == null || r.enabled(), r.version());
    }

    private String describe(Request v) {
        return v.report() + " as " + v.format() + ", " + v.period() + ", cron '" + v.cron() + "' " + v.zone()
                + ", filters " + v.filters() + ", to " + String.join(", ", v.recipients())
                + (v.enabled() ? "" : " (disabled)");
    }

    private String filtersJson(Map<String, String> filters) {
        try {
            return json.writeValueAsString(filters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Subscription map(ResultSet rs, int row) throws SQLException {
        Map<String, String> filters;
        try {
            filters = json.readValue(rs.getString("filters"), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("filters of subscription " + rs.getLong("id") + " are not JSON", e);
        }
        Array recipients = rs.getArray("recipients");
        long id = rs.getLong("id");
        return new Subscription(id, rs.getString("name"), rs.getString("report"), rs.getString("format"), filters,
                rs.getString("period"), rs.getString("cron"), rs.getString("zone"),
                Arrays.asList((String[]) recipients.getArray()), rs.getBoolean("enabled"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"), nextRun(id),
                rs.getArray("projects") == null ? null : Arrays.asList((String[]) rs.getArray("projects").getArray()));
    }

    private Instant nextRun(long id) {
        try {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(jobName(id), GROUP));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            return next == null ? null : next.toInstant();
        } catch (SchedulerException e) {
            return null;
        }
    }
}
