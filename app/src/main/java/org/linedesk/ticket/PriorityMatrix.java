package org.linedesk.ticket;

/**
 * Decides a priority from impact and urgency. Implemented at the edge by the engine's DMN table
 * sla-definitions/priority-matrix.dmn, so the matrix is versioned and editable without Java.
 */
public interface PriorityMatrix {

    Decision decide(Level impact, Level urgency);

    /** The priority and why: which table version and rule decided it. */
    record Decision(Priority priority, String explanation) {
    }
}
