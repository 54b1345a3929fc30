package org.linedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.support.TestFixtures.agent;
import static org.linedesk.support.TestFixtures.manager;
import static org.linedesk.support.TestFixtures.newTicket;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.IdentityBootstrap;
import org.linedesk.support.TestFixtures;
import org.linedesk.ticket.Status;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping and starting LineDesk on the same data directory keeps every ticket and open task. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void ticketsAndOpenTasksSurviveARestart() {
        Actor firstLine = agent("fl1", GroupTypes.FIRST_LINE);
        String open;
        String handedOver;
        try (ConfigurableApplicationContext app = start()) {
            app.getBean(IdentityBootstrap.class).ensureGroup("passwords", "Passwords", GroupTypes.SUPPORT);
            TicketService tickets = app.getBean(TicketService.class);
            open = tickets.open(newTicket("Before restart"), "test").getNumber();
            handedOver = tickets.open(newTicket("Handed over before restart"), "test").getNumber();
            tickets.perform(handedOver, "hand-over", new ActionInput(null, "passwords", null, null), firstLine);
        }

        try (ConfigurableApplicationContext app = start()) {
            TicketService tickets = app.getBean(TicketService.class);
            Ticket stillNew = tickets.loadForReading(open, manager());
            assertThat(stillNew.getStatus()).isEqualTo(Status.NEW);
            assertThat(app.getBean(TaskService.class).createTaskQuery()
                    .processInstanceId(stillNew.getProcessInstanceId()).taskCandidateGroup(GroupTypes.FIRST_LINE).count())
                    .isEqualTo(1);
            assertThat(tickets.loadForReading(handedOver, manager()).getCurrentGroup()).isEqualTo("passwords");

            tickets.perform(open, "resolve", new ActionInput("Answered after the restart", null, null, null), firstLine);
            assertThat(tickets.loadForReading(open, manager()).getStatus()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void anSlaTimerThatFellDueWhileLineDeskWasDownFiresOnceAfterTheStart() throws InterruptedException {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T07:00:00Z"))); // Monday 10:00 Moscow
        try {
            long ticketId;
            try (ConfigurableApplicationContext app = start()) {
                ticketId = app.getBean(TicketService.class).open(newTicket("Opened before the outage"), "test").getId();
            }
            // LineDesk is down for two hours: the first response (P2: 1 hour) falls due meanwhile
            ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T09:00:00Z")));

            try (ConfigurableApplicationContext app = start("--camunda.bpm.job-execution.enabled=true")) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                String breaches = "select count(*) from ticket_event where ticket_id = ? and type = 'SLA_BREACHED'"
                        + " and new_value = 'FIRST_RESPONSE'";
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (jdbc.queryForObject(breaches, Long.class, ticketId) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000); // room for a second, wrong firing
                assertThat(jdbc.queryForObject(breaches, Long.class, ticketId)).isEqualTo(1);
                assertThat(jdbc.queryForObject("select breached_at from sla_clock where ticket_id = ? and metric = 'FIRST_RESPONSE'",
                        java.sql.Timestamp.class, ticketId).toInstant()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
            }
        } finally {
            ClockUtil.reset();
        }
    }

    private ConfigurableApplicationContext start(String... more) {
        String[] args = java.util.stream.Stream.concat(
                // an engine name of its own: closing this context must not unregister the shared test
                // context's "default" engine, which the engine's REST API and the webapps look up by name
                // (no hyphen: the starter ignores an engine name with one); no webapps either: Cockpit keeps
                // its engine access in a static that a closing context would clear for the shared one
                java.util.stream.Stream.of("--linedesk.data-dir=" + dataDir, "--server.port=0",
                        "--camunda.bpm.process-engine-name=restartTest", "--camunda.bpm.webapp.enabled=false"),
                java.util.Arrays.stream(more)).toArray(String[]::new);
        // TestFixtures: the test users, and the application clock following the engine clock
        return new SpringApplicationBuilder(LineDeskApplication.class, TestFixtures.class).profiles("test").run(args);
    }
}
