package org.linedesk.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.linedesk.core.FieldError;
import org.linedesk.core.InvalidInputException;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Priority;

/**
 * What a report covers: the days {@code from}..{@code to} (both included) in {@code zone}, and optional
 * filters on the ticket's project, group, priority, channel and agent (its assignee). {@code scope} is
 * the projects the reader may see (null: all, for administrators); it is set from the reader, never
 * from a request. A ticket counts in a period by the instant the measured thing happened: opened,
 * first answered, resolved, SLA clock decided.
 */
public record ReportQuery(LocalDate from, LocalDate to, ZoneId zone, String group, Priority priority, Channel channel,
                          String agent, String project, java.util.Set<String> scope) {

    public ReportQuery {
        scope = scope == null ? null : java.util.Set.copyOf(scope);
    }

    /** Every project (administrators, and the tests of one desk). */
    public ReportQuery(LocalDate from, LocalDate to, ZoneId zone, String group, Priority priority, Channel channel,
                       String agent) {
        this(from, to, zone, group, priority, channel, agent, null, null);
    }

    /**
     * The same query limited to what {@code actor} may see: their projects (all for administrators); a
     * project filter of a project they do not belong to is as unknown as one that does not exist.
     */
    public ReportQuery readBy(org.linedesk.identity.Actor actor, org.linedesk.project.ProjectDirectory projects) {
        if (project != null) {
            projects.requireVisible(project, actor);
        }
        return new ReportQuery(from, to, zone, group, priority, channel, agent, project,
                actor.seesAllProjects() ? null : actor.projects());
    }

    static final int MAX_DAYS = 1100;

    /** The one project a query covers (its filter, or a scope of one), for the audit log; else null. */
    public static String single(ReportQuery q) {
        return q.project() != null ? q.project() : q.scope() != null && q.scope().size() == 1 ? q.scope().iterator().next() : null;
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period (midnight after {@code to}). */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The filters and period as text, for file names, audit entries and summary sheets. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("from", from.toString());
        d.put("to", to.toString());
        d.put("zone", zone.getId());
        if (project != null) d.put("project", project);
        if (group != null) d.put("group", group);
        if (priority != null) d.put("priority", priority.name());
        if (channel != null) d.put("channel", channel.name());
        if (agent != null) d.put("agent", agent);
        return d;
    }

    /**
     * From request parameters (all optional: the last 30 days up to today, in UTC unless a zone is given).
     * Every bad parameter is reported with its reason.
     */
    public static ReportQuery parse(String from, String to, String zone, String group, String priority,
                                    String channel, String agent, java.time.Clock clock) {
        return parse(from, to, zone, null, group, priority, channel, agent, clock);
    }

    public static ReportQuery parse(String from, String to, String zone, String project, String group, String priority,
                                    String channel, String agent, java.time.Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zoneId = ZoneId.of("UTC");
        if (zone != null && !zone.isBlank()) {
            try {
                zoneId = ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                errors.add(new FieldError("zone", "is not a time zone; use a region such as Europe/Moscow or UTC"));
            }
        }
        LocalDate end = date("to", to, errors);
        LocalDate start = date("from", from, errors);
        if (end == null && (to == null || to.isBlank())) {
            end = LocalDate.ofInstant(clock.instant(), zoneId);
        }
        if (start == null && (from == null || from.isBlank()) && end != null) {
            start = end.minusDays(29);
        }
        if (start != null && end != null) {
            if (start.isAfter(end)) {
                errors.add(new FieldError("from", "is after to (" + end + ")"));
            } else if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                errors.add(new FieldError("to", "the period is at most " + MAX_DAYS + " days"));
            }
        }
        Priority p = enumValue("priority", priority, Priority.class, errors);
        Channel c = enumValue("channel", channel, Channel.class, errors);
        String g = text("group", group, 64, errors);
        String a = text("agent", agent, 64, errors);
        String pr = text("project", project, 32, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ReportQuery(start, end, zoneId, g, p, c, a, pr, null);
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "is not a date; use YYYY-MM-DD"));
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "is one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static String text(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "is at most " + max + " characters"));
            return null;
        }
        return value.strip();
    }
}
