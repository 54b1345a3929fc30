package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.support.TestFixtures.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.Role;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.Status;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The replay property: a ticket whose definitions did not change, replayed under its own version,
 * reproduces its clocks exactly. Histories are generated at random (seeded; a failure names its seed)
 * and lived through the real services and the engine's timers under a controlled clock: opening at any
 * hour of any weekday, time passing with warnings and breaches firing (a breached resolution hands the
 * ticket to the solvers), questions to the customer and answers, priority changes both ways,
 * resolutions, reopens and closing.
 */
@IntegrationTest
class SlaReplayPropertyTest {

    static final int HISTORIES = 40;
    static final Instant MONDAY_MIDNIGHT_MSK = Instant.parse("2026-11-29T21:00:00Z");
    /** Member of every group a generated ticket can be in, so each action is allowed where it exists. */
    static final Actor AGENT = agent("fl1", GroupTypes.FIRST_LINE, "solvers", "abuse");
    static final Actor PROCESS_OWNER = new Actor("po", "po Tester", java.util.Set.of(), java.util.Set.of(Role.PROCESS_OWNER));

    @Autowired
    TicketService tickets;
    @Autowired
    SlaRepair repair;
    @Autowired
    EngineTimers timers;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @AfterEach
    void reset() {
        timers.reset();
    }

    @Test
    void aReplayUnderTheTicketsOwnVersionReproducesItsClocks() {
        List<String> numbers = new ArrayList<>();
        List<String> lived = new ArrayList<>();
        for (int seed = 1; seed <= HISTORIES; seed++) {
            Random random = new Random(seed);
            Ticket t = live(random, lived, seed);
            numbers.add(t.getNumber());

            SlaRepair.Result replay = repair.repair(new SlaRepair.Selection(List.of(t.getNumber()), null, null, null, null, null),
                    null, true, null, PROCESS_OWNER);

            assertThat(replay.selected()).isEqualTo(1);
            assertThat(replay.tickets()).as("seed %d, history %s", seed, lived).isEmpty();
            assertThat(replay.unchanged()).isEqualTo(1);
        }
        assertThat(numbers).doesNotHaveDuplicates().hasSize(HISTORIES);
        // the generated histories go through every path the replay must follow, each in several tickets
        for (String type : List.of("SLA_WARNING", "SLA_BREACHED", "PRIORITY_CHANGED", "REOPENED", "FIRST_RESPONSE", "HANDED_OVER")) {
            assertThat(jdbc.queryForObject("select count(distinct t.id) from ticket t join ticket_event e on e.ticket_id = t.id"
                    + " where t.subject like 'Replay %' and e.type = ?", Integer.class, type)).as(type).isGreaterThanOrEqualTo(3);
        }
        assertThat(jdbc.queryForObject("select count(distinct c.ticket_id) from sla_clock c join ticket t on t.id = c.ticket_id"
                + " where t.subject like 'Replay %' and c.pauses like '%/%;%'", Integer.class)).as("clocks paused twice or more")
                .isGreaterThanOrEqualTo(3);
    }

    /** Opens a ticket and lives 4-14 random steps; {@code lived} gets what was done (for the failure message). */
    private Ticket live(Random random, List<String> lived, int seed) {
        lived.clear();
        Instant opening = MONDAY_MIDNIGHT_MSK.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60)));
        timers.setTime(Date.from(opening));
        String group = random.nextInt(4) == 0 ? "abuse" : null;
        Level impact = Level.values()[random.nextInt(3)];
        Level urgency = Level.values()[random.nextInt(3)];
        Ticket t = tickets.open(new NewTicket("Replay " + seed, "generated history", new Requester(null, "gen@example.com"),
                random.nextBoolean() ? Channel.EMAIL : Channel.WEB, impact, urgency, group, null), "test");
        lived.add("open " + opening + " " + impact + "/" + urgency + (group == null ? "" : " abuse"));
        int steps = 4 + random.nextInt(11);
        for (int i = 0; i < steps; i++) {
            int minutes = 1 + random.nextInt(random.nextInt(4) == 0 ? 24 * 60 : 180);
            timers.advanceAndFire(t.getProcessInstanceId(), Duration.ofMinutes(minutes));
            lived.add("+" + minutes + "m");
            Status status = tickets.findById(t.getId()).orElseThrow().getStatus();
            if (status == Status.CLOSED) {
                break;
            }
            String step = step(random, t, status);
            if (step != null) {
                lived.add(step);
            }
        }
        timers.fireDue(t.getProcessInstanceId());
        return t;
    }

    private String step(Random random, Ticket t, Status status) {
        String number = t.getNumber();
        try {
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    if (status == Status.PENDING_CUSTOMER || status == Status.RESOLVED) {
                        tickets.customerWrote(number, "more from the customer", null, Channel.EMAIL);
                        return "customer writes (" + status + ")";
                    }
                    tickets.perform(number, "ask-customer", new ActionInput("A question", null, null, null), AGENT);
                    return "ask customer";
                }
                case 2 -> {
                    Level impact = Level.values()[random.nextInt(3)];
                    Level urgency = Level.values()[random.nextInt(3)];
                    tickets.reprioritize(number, impact, urgency, "generated", null, AGENT);
                    return "reprioritize " + impact + "/" + urgency;
                }
                case 3, 4 -> {
                    tickets.perform(number, "resolve", new ActionInput("Done", null, null, null), AGENT);
                    return "resolve";
                }
                default -> {
                    tickets.customerWrote(number, "any news?", null, Channel.EMAIL);
                    return "customer writes (" + status + ")";
                }
            }
        } catch (RuntimeException refused) { // not possible in this state (or the same priority again): nothing happened
            return "refused: " + refused.getMessage();
        }
    }
}
