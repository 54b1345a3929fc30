package org.linedesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.Predicate;
import org.linedesk.identity.Actor;
import org.springframework.data.jpa.domain.Specification;

/**
 * Filters of the ticket list. Whatever is asked for, everyone sees only their projects' tickets
 * (administrators all), and agents only their groups'. {@code text} is searched by {@link TicketSearch}
 * (full text, ranked), which keeps the same rule; the specification here serves lists without text.
 */
public record TicketFilter(Status status, String group, Priority priority, Channel channel, String text, String project) {

    public TicketFilter(Status status, String group, Priority priority, Channel channel, String text) {
        this(status, group, priority, channel, text, null);
    }

    Specification<Ticket> toSpecification(Actor actor) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (group != null && !group.isBlank()) {
                where.add(cb.equal(root.get("currentGroup"), group));
            }
            if (priority != null) {
                where.add(cb.equal(root.get("priority"), priority));
            }
            if (channel != null) {
                where.add(cb.equal(root.get("channel"), channel));
            }
            if (project != null && !project.isBlank()) {
                where.add(cb.equal(root.get("project"), project));
            }
            if (!actor.seesAllProjects()) {
                where.add(root.get("project").in(actor.projects()));
            }
            if (!actor.seesAllTickets()) {
                Set<String> groups = actor.groups();
                where.add(groups.isEmpty() ? cb.disjunction() : root.get("currentGroup").in(groups));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
