package org.linedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.support.TestFixtures.agent;
import static org.linedesk.support.TestFixtures.manager;
import static org.linedesk.support.TestFixtures.newTicket;

import java.nio.file.Path;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.IdentityBootstrap;
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

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LineDeskApplication.class)
                .profiles("test")
                .run("--linedesk.data-dir=" + dataDir, "--server.port=0");
    }
}
