package org.linedesk.channel;

/**
 * What became of a customer's message: a new ticket, an addition to an existing one (which may have
 * reopened it), a follow-up to a closed one, or nothing (an automatic reply to a closed ticket).
 * {@code deadline} is the promised answer time as told to the customer (null when none runs).
 */
public record IntakeResult(Outcome outcome, String ticketNumber, String deadline, boolean acknowledged) {

    public enum Outcome {
        OPENED, APPENDED, FOLLOW_UP, NOT_ADDED
    }
}
