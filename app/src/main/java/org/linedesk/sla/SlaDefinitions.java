package org.linedesk.sla;

import java.util.List;
import java.util.Map;

/**
 * The calendars and policies in force: an immutable snapshot, swapped whole on reload.
 * {@code calendarProjects}: the project of each calendar that belongs to one (the others are shared).
 */
public record SlaDefinitions(Map<String, BusinessCalendar> calendars, List<SlaPolicy> policies,
                             Map<String, String> calendarProjects) {

    static final String DEFAULT_PROJECT = org.linedesk.project.Project.DEFAULT;

    public SlaDefinitions {
        calendars = Map.copyOf(calendars);
        policies = List.copyOf(policies);
        calendarProjects = Map.copyOf(calendarProjects);
    }

    /**
     * The first policy of the ticket's project (in file order) whose conditions match; else that
     * project's default policy; else, for a project without policies of its own, the default project's.
     */
    public SlaPolicy select(SlaPolicy.TicketFacts facts) {
        String project = facts.project() == null ? DEFAULT_PROJECT : facts.project();
        return policies.stream().filter(p -> p.project().equals(project) && !p.isDefault() && p.when().matches(facts))
                .findFirst()
                .or(() -> defaultOf(project))
                .or(() -> defaultOf(DEFAULT_PROJECT))
                .orElseThrow(() -> new IllegalStateException("no default SLA policy"));
    }

    private java.util.Optional<SlaPolicy> defaultOf(String project) {
        return policies.stream().filter(p -> p.isDefault() && p.project().equals(project)).findFirst();
    }

    /** The projects that policies and calendars name (checked against the projects that exist). */
    public java.util.Set<String> projectsNamed() {
        java.util.Set<String> named = new java.util.TreeSet<>(calendarProjects.values());
        policies.forEach(p -> named.add(p.project()));
        return named;
    }

    public SlaPolicy policy(String id) {
        return policies.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no SLA policy '" + id + "'"));
    }

    public BusinessCalendar calendar(String id) {
        BusinessCalendar calendar = calendars.get(id);
        if (calendar == null) {
            throw new IllegalStateException("no calendar '" + id + "'");
        }
        return calendar;
    }
}
