package org.linedesk.report.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A scheduled report: {@code report} with {@code filters} (project, group, priority, channel, agent) as
 * {@code format}, covering {@code period} before each firing of {@code cron} (Quartz syntax) in
 * {@code zone}, mailed to {@code recipients}. {@code projects}: the projects it may report on, those of
 * whoever set it up (null: every project, set up by an administrator).
 */
public record Subscription(long id, String name, String report, String format, Map<String, String> filters,
                           String period, String cron, String zone, List<String> recipients, boolean enabled,
                           String createdBy, Instant createdAt, Instant updatedAt, long version, Instant nextRun,
                           List<String> projects) {

    /** Who may see and change it: an administrator, or someone in every project it reports on. */
    public boolean visibleTo(org.linedesk.identity.Actor actor) {
        return actor.seesAllProjects() || projects != null && actor.projects().containsAll(projects);
    }

    /** The days a run on {@code runDay} covers. */
    public static LocalDate[] periodFor(String period, LocalDate runDay) {
        return switch (period) {
            case "previous-day" -> new LocalDate[] {runDay.minusDays(1), runDay.minusDays(1)};
            case "previous-week" -> new LocalDate[] {runDay.minusDays(7), runDay.minusDays(1)};
            case "previous-month" -> new LocalDate[] {runDay.minusMonths(1).withDayOfMonth(1),
                    runDay.withDayOfMonth(1).minusDays(1)};
            default -> throw new IllegalArgumentException("unknown period " + period);
        };
    }

    public static final List<String> PERIODS = List.of("previous-day", "previous-week", "previous-month");
}
