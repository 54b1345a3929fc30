package org.linedesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.linedesk.support.TestFixtures.agent;
import static org.linedesk.support.TestFixtures.manager;
import static org.linedesk.support.TestFixtures.newTicket;

import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.Status;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Every path of processes/incident.bpmn, driven through the ticket service, asserted on the engine. */
@IntegrationTest
class IncidentProcessTest {

    static final Actor FIRST_LINE = agent("fl1", GroupTypes.FIRST_LINE);
    static final Actor PASSWORDS = agent("pw1", "passwords");
    static final Actor WEB = agent("wb1", "web");
    static final Actor SOLVERS = agent("sv1", "solvers");

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    TicketService tickets;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    EngineTimers timers;

    @BeforeEach
    void initAssertions() {
        AbstractAssertions.init(engine);
    }

    @AfterEach
    void resetClock() {
        timers.reset();
        AbstractAssertions.reset();
    }

    @Test
    void triageResolvesAndTheQuietPeriodCloses() {
        Ticket t = tickets.open(newTicket("Signature"), "test");
        ProcessInstance pi = instance(t);
        assertThat(pi).isWaitingAt(IncidentProcess.TASK_TRIAGE);
        assertThat(task(pi)).hasCandidateGroup(GroupTypes.FIRST_LINE);

        tickets.perform(t.getNumber(), "resolve", reply("Settings → Signature"), FIRST_LINE);
        assertThat(pi).isWaitingAt(IncidentProcess.GATEWAY_AFTER_RESOLVE);
        assertThat(timers.timers(pi.getId())).hasSize(1); // the quiet period; the SLA timer is gone: its clocks stopped
        assertThat(status(t)).isEqualTo(Status.RESOLVED);

        timers.advanceAndFire(pi.getId(), Duration.ofDays(3).plusSeconds(1));
        assertThat(pi).hasPassed("Activity_Resolve", IncidentProcess.TIMER_QUIET_PERIOD, "Activity_Close", "End_Closed")
                .isEnded();
        assertThat(status(t)).isEqualTo(Status.CLOSED);
    }

    @Test
    void triageAsksTheCustomerAndTheAnswerReturnsToTriage() {
        Ticket t = tickets.open(newTicket("Missing info"), "test");
        ProcessInstance pi = instance(t);

        tickets.perform(t.getNumber(), "ask-customer", reply("Which browser?"), FIRST_LINE);
        assertThat(pi).isWaitingAt(IncidentProcess.EVENT_WAIT_FOR_CUSTOMER);
        assertThat(status(t)).isEqualTo(Status.PENDING_CUSTOMER);

        tickets.customerWrote(t.getNumber(), "Firefox", null, org.linedesk.ticket.Channel.EMAIL);
        assertThat(pi).isWaitingAt(IncidentProcess.TASK_TRIAGE);
        assertThat(status(t)).isEqualTo(Status.OPEN);
    }

    @Test
    void triageClosesSpam() {
        Ticket t = tickets.open(newTicket("Cheap watches"), "test");
        ProcessInstance pi = instance(t);

        tickets.perform(t.getNumber(), "close-spam", new ActionInput(null, null, "advertising", null), FIRST_LINE);

        assertThat(pi).hasPassed("Activity_CloseAsSpam", "End_Spam").isEnded();
        assertThat(status(t)).isEqualTo(Status.CLOSED);
    }

    @Test
    void secondLineHandsOverEscalatesAsksResolvesAndAReplyReopensToTheLastGroup() {
        Ticket t = tickets.open(newTicket("Hard case"), "test");
        ProcessInstance pi = instance(t);

        tickets.perform(t.getNumber(), "hand-over", group("passwords"), FIRST_LINE);
        assertThat(pi).isWaitingAt(IncidentProcess.TASK_SOLVE);
        assertThat(task(pi)).hasCandidateGroup("passwords");

        tickets.perform(t.getNumber(), "hand-over", group("web"), PASSWORDS);
        assertThat(task(pi)).hasCandidateGroup("web");

        tickets.perform(t.getNumber(), "escalate", new ActionInput(null, null, "needs logs", null), WEB);
        assertThat(task(pi)).hasCandidateGroup("solvers");

        tickets.perform(t.getNumber(), "ask-customer", reply("Send the logs, please"), SOLVERS);
        assertThat(pi).isWaitingAt(IncidentProcess.EVENT_WAIT_FOR_CUSTOMER);
        tickets.customerWrote(t.getNumber(), "logs attached", null, org.linedesk.ticket.Channel.EMAIL);
        assertThat(task(pi)).hasCandidateGroup("solvers");

        tickets.perform(t.getNumber(), "resolve", reply("Fixed on the server"), SOLVERS);
        tickets.customerWrote(t.getNumber(), "Still broken", null, org.linedesk.ticket.Channel.EMAIL);
        assertThat(pi).hasPassed("Activity_Reopen").isWaitingAt(IncidentProcess.TASK_SOLVE);
        assertThat(task(pi)).hasCandidateGroup("solvers");
        assertThat(reload(t).getReopenCount()).isEqualTo(1);

        tickets.perform(t.getNumber(), "resolve", reply("Fixed for real"), SOLVERS);
        timers.advanceAndFire(pi.getId(), Duration.ofDays(4));
        assertThat(pi).isEnded();
        assertThat(status(t)).isEqualTo(Status.CLOSED);
    }

    @Test
    void aReplyToATicketFirstLineAnsweredGoesBackToTriage() {
        Ticket t = tickets.open(newTicket("Quick one"), "test");
        ProcessInstance pi = instance(t);
        tickets.perform(t.getNumber(), "resolve", reply("Done"), FIRST_LINE);

        tickets.customerWrote(t.getNumber(), "No, not done", null, org.linedesk.ticket.Channel.EMAIL);

        assertThat(pi).isWaitingAt(IncidentProcess.TASK_TRIAGE);
        assertThat(reload(t).getCurrentGroup()).isEqualTo(GroupTypes.FIRST_LINE);
    }

    @Test
    void aTicketRoutedToAGroupAtIntakeSkipsTriage() {
        Ticket t = tickets.open(new NewTicket("Phishing report", "phishing mail attached",
                new Requester(null, "victim@example.com"), org.linedesk.ticket.Channel.EMAIL, null, null, "abuse", null), "test");

        assertThat(instance(t)).isWaitingAt(IncidentProcess.TASK_SOLVE);
        assertThat(task(instance(t))).hasCandidateGroup("abuse");
        assertThat(reload(t).getCurrentGroup()).isEqualTo("abuse");
    }

    @Test
    void claimingInTasklistIsMirroredOnTheTicket() {
        Ticket t = tickets.open(newTicket("Claimed elsewhere"), "test");
        Task task = task(instance(t));

        taskService.claim(task.getId(), "fl2");
        assertThat(reload(t).getStatus()).isEqualTo(Status.IN_PROGRESS);
        assertThat(reload(t).getAssignee()).isEqualTo("fl2");

        taskService.setAssignee(task.getId(), null);
        assertThat(reload(t).getStatus()).isEqualTo(Status.OPEN);
        assertThat(reload(t).getAssignee()).isNull();
    }

    private ProcessInstance instance(Ticket t) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult();
    }

    private Task task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private Ticket reload(Ticket t) {
        return tx.execute(s -> tickets.loadForReading(t.getNumber(), manager()));
    }

    private Status status(Ticket t) {
        return reload(t).getStatus();
    }

    private static ActionInput reply(String text) {
        return new ActionInput(text, null, null, null);
    }

    private static ActionInput group(String group) {
        return new ActionInput(null, group, null, null);
    }
}
