package org.linedesk.ticket;

/** Where a ticket is in its life. The workflow moves it; every change is in the history. */
public enum Status {
    /** Created, waiting in a queue, no agent has touched it yet. */
    NEW,
    /** Waiting in a group's queue (after a hand-over, a customer's answer or a reopen). */
    OPEN,
    /** An agent has claimed it. */
    IN_PROGRESS,
    /** An agent asked the customer something and waits for the answer. */
    PENDING_CUSTOMER,
    /** Answered; the customer may still reply (and reopen it) until the quiet period ends. */
    RESOLVED,
    /** Final. */
    CLOSED;

    public boolean isOpenForWork() {
        return this == NEW || this == OPEN || this == IN_PROGRESS;
    }
}
