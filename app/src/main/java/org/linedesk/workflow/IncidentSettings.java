package org.linedesk.workflow;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings the incident process reads through expressions, e.g.
 * {@code ${incidentSettings.quietPeriodIso}} on the timer that closes a resolved ticket.
 */
@Component("incidentSettings")
public class IncidentSettings {

    private final Duration quietPeriod;

    IncidentSettings(@Value("${linedesk.incident.quiet-period:P3D}") Duration quietPeriod) {
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("linedesk.incident.quiet-period must be positive, not " + quietPeriod);
        }
        this.quietPeriod = quietPeriod;
    }

    public Duration quietPeriod() {
        return quietPeriod;
    }

    /** ISO-8601 form for BPMN timers. */
    public String getQuietPeriodIso() {
        return quietPeriod.toString();
    }
}
