package org.linedesk.ticket;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands out ticket ids (the number customers quote) from the database sequence in blocks of
 * {@value #BLOCK}: the sequence steps by 50, each node takes a whole block, so ids are unique across
 * nodes and a ticket costs no round trip of its own. A restart may leave a gap.
 */
@Component
class TicketNumbers {

    static final int BLOCK = 50;

    private final JdbcTemplate jdbc;
    private long next;
    private long end;

    TicketNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    synchronized long next() {
        if (next >= end) {
            long start = jdbc.queryForObject("select nextval('ticket_number_seq')", Long.class);
            next = start;
            end = start + BLOCK;
        }
        return next++;
    }
}
