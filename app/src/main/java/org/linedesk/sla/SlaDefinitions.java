package org.linedesk.sla;

import java.util.List;
import java.util.Map;

/** The calendars and policies in force: an immutable snapshot, swapped whole on reload. */
public record SlaDefinitions(Map<String, BusinessCalendar> calendars, List<SlaPolicy> policies) {

    public SlaDefinitions {
        calendars = Map.copyOf(calendars);
        policies = List.copyOf(policies);
    }

    /** The first policy (in file order) whose conditions match; else the default policy. */
    public SlaPolicy select(SlaPolicy.TicketFacts facts) {
        return policies.stream().filter(p -> !p.isDefault() && p.when().matches(facts)).findFirst()
                .orElseGet(() -> policies.stream().filter(SlaPolicy::isDefault).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no default SLA policy")));
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
