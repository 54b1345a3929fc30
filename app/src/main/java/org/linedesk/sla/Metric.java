package org.linedesk.sla;

/** What an SLA clock measures. */
public enum Metric {
    /** Until the first public answer to the customer (on any channel), or resolution. */
    FIRST_RESPONSE,
    /** Until the ticket is resolved; resumes on reopen. */
    RESOLUTION
}
