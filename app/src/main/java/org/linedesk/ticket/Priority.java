package org.linedesk.ticket;

/**
 * P1 (critical) .. P5 (planning). Derived from impact and urgency by the DMN table
 * sla-definitions/priority-matrix.dmn ({@link PriorityMatrix}), never taken from what the customer
 * claims: a "minor" problem that stops a whole company's document flow has high impact.
 */
public enum Priority {
    P1, P2, P3, P4, P5
}
