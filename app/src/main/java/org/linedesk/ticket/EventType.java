package org.linedesk.ticket;

/** What a history entry records. */
public enum EventType {
    CREATED,
    PRIORITY_DECIDED,
    PRIORITY_CHANGED,
    SLA_WARNING,
    SLA_BREACHED,
    /** SLA repair recomputed the clocks from the history (who, why, under which definitions version). */
    SLA_REPAIRED,
    STATUS_CHANGED,
    QUEUED,
    ASSIGNED,
    UNASSIGNED,
    HANDED_OVER,
    /** A hand-over moved the ticket to another project. */
    PROJECT_CHANGED,
    ARTICLE_ADDED,
    ACTION_PERFORMED,
    FIRST_RESPONSE,
    REOPENED,
    FOLLOW_UP_CREATED,
    CLOSED,
    /** Something the system wants on the record that is none of the above (routing, channel remarks). */
    NOTICE
}
