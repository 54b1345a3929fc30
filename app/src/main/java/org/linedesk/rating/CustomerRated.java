package org.linedesk.rating;

import java.time.Instant;

/**
 * A customer rated an answer (or changed their rating). {@code low}: the quality is at most the
 * configured threshold; {@code newlyLow}: it is low now and was not before (the leads are told once).
 * The workflow hands it to the ticket's process as message {@code CustomerRated}.
 */
public record CustomerRated(long ticketId, String ticketNumber, String processInstanceId, long invitationId,
                            int quality, Integer speed, String comment, boolean low, boolean newlyLow,
                            String group, String agent, String project, Instant at) {
}
