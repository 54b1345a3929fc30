package org.linedesk.ticket;

/**
 * P1 (critical) .. P5 (planning). Derived from impact and urgency, never taken from what the
 * customer claims: a "minor" problem that stops a whole company's document flow has high impact.
 */
public enum Priority {
    P1, P2, P3, P4, P5;

    /** The common ITIL matrix: rank = impact + urgency - 1 (1/1 → P1, 2/2 → P3, 3/3 → P5). */
    public static Priority of(Level impact, Level urgency) {
        if (impact == null || urgency == null) {
            throw new IllegalArgumentException("impact and urgency are required");
        }
        return values()[impact.rank() + urgency.rank() - 2];
    }
}
