package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.support.TestFixtures.agent;
import static org.linedesk.support.TestFixtures.manager;
import static org.linedesk.support.TestFixtures.newTicket;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every clock transition, enforced by the engine's timer under a controlled clock. Policy "standard"
 * (sla-definitions/policies.yaml), calendar support-moscow: weekdays 09:00-21:00 Moscow (UTC+3).
 * The test tickets are P2 (impact medium, urgency high): first response 1h, resolution 8h; warnings
 * at 75 % and 90 %.
 */
@IntegrationTest
class SlaClocksTest {

    /** Monday 2026-11-30 10:00 in Moscow. */
    static final Instant MONDAY_10_MSK = Instant.parse("2026-11-30T07:00:00Z");
    static final Actor FIRST_LINE = agent("fl1", GroupTypes.FIRST_LINE);

    @Autowired
    TicketService tickets;
    @Autowired
    SlaClocks clocks;
    @Autowired
    EngineTimers timers;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void monday() {
        timers.setTime(Date.from(MONDAY_10_MSK));
    }

    @AfterEach
    void reset() {
        timers.reset();
    }

    @Test
    void clocksStartWithTheTicketAndTheEngineTimerIsSetToTheFirstWarning() {
        Ticket t = tickets.open(newTicket("Clocks start"), "test");

        SlaClocks.ClockView firstResponse = clock(t, Metric.FIRST_RESPONSE);
        SlaClocks.ClockView resolution = clock(t, Metric.RESOLUTION);
        assertThat(firstResponse.state()).isEqualTo("RUNNING");
        assertThat(firstResponse.policy()).isEqualTo("standard");
        assertThat(firstResponse.dueAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(resolution.dueAt()).isEqualTo(Instant.parse("2026-11-30T15:00:00Z")); // 18:00 Moscow
        assertThat(resolution.target()).isEqualTo(Duration.ofHours(8));
        assertThat(firstResponse.percentUsed()).isZero();
        assertThat(slaTimerDue(t)).isEqualTo(Instant.parse("2026-11-30T07:45:00Z"));
    }

    @Test
    void warningsAndTheBreachFireOnTimeAndTheBreachEscalatesOnce() {
        Ticket t = tickets.open(newTicket("Nobody answers"), "test");
        String pi = t.getProcessInstanceId();

        timers.advanceAndFire(pi, Duration.ofMinutes(46));
        assertThat(slaEvents(t)).containsExactly("SLA_WARNING:FIRST_RESPONSE");

        timers.advanceAndFire(pi, Duration.ofMinutes(9));   // 07:55, past 90 %
        timers.advanceAndFire(pi, Duration.ofMinutes(6));   // 08:01, past the due 08:00
        assertThat(slaEvents(t)).containsExactly("SLA_WARNING:FIRST_RESPONSE", "SLA_WARNING:FIRST_RESPONSE",
                "SLA_BREACHED:FIRST_RESPONSE");
        SlaClocks.ClockView breached = clock(t, Metric.FIRST_RESPONSE);
        assertThat(breached.state()).isEqualTo("BREACHED");
        assertThat(breached.breachedAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(notifications(t)).contains("BREACH FIRST_RESPONSE group-lead:first-line");
        assertThat(group(t)).isEqualTo(GroupTypes.FIRST_LINE); // first-response breach: notify only

        // Tuesday 10:01 Moscow, the engine was down overnight: the resolution breach (due Monday 18:00)
        // fires once now → hand-over to Solvers, lead and manager told
        timers.setTime(Date.from(Instant.parse("2026-12-01T07:01:00Z")));
        timers.fireDue(pi);
        assertThat(slaEvents(t)).filteredOn(e -> e.endsWith("RESOLUTION"))
                .containsExactly("SLA_WARNING:RESOLUTION", "SLA_WARNING:RESOLUTION", "SLA_BREACHED:RESOLUTION");
        assertThat(group(t)).isEqualTo("solvers");
        assertThat(taskService.createTaskQuery().processInstanceId(pi).singleResult().getTaskDefinitionKey())
                .isEqualTo("Task_Solve");
        assertThat(notifications(t)).contains("BREACH RESOLUTION group-lead:first-line", "BREACH RESOLUTION role:managers");

        assertThat(timers.fireDue(pi)).isZero();
        assertThat(slaEvents(t)).filteredOn(e -> e.startsWith("SLA_BREACHED")).hasSize(2);
        assertThat(jdbc.queryForObject("select escalated_at from sla_clock where ticket_id = ? and metric = 'RESOLUTION'",
                java.sql.Timestamp.class, t.getId()).toInstant()).isEqualTo(Instant.parse("2026-12-01T07:01:00Z"));
    }

    @Test
    void waitingForTheCustomerPausesAndThePausedTimeIsCreditedBack() {
        Ticket t = tickets.open(newTicket("Need details"), "test");
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(10))));

        tickets.perform(t.getNumber(), "ask-customer", new ActionInput("Which browser?", null, null, null), FIRST_LINE);

        assertThat(clock(t, Metric.FIRST_RESPONSE).state()).isEqualTo("MET");
        assertThat(clock(t, Metric.RESOLUTION).state()).isEqualTo("PAUSED");
        assertThat(slaTimerDue(t)).isNull(); // the timer is cancelled: nothing can breach while paused

        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(190)))); // 3 hours later
        tickets.customerWrote(t.getNumber(), "Firefox", null, Channel.EMAIL);

        SlaClocks.ClockView resolution = clock(t, Metric.RESOLUTION);
        assertThat(resolution.state()).isEqualTo("RUNNING");
        assertThat(resolution.dueAt()).isEqualTo(Instant.parse("2026-11-30T18:00:00Z")); // 21:00 Moscow instead of 18:00
        // the timer moved to the resolution clock's 75 % warning: 6 of 8 hours used, 10 min before the pause
        assertThat(slaTimerDue(t)).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
    }

    @Test
    void resolvingStopsTheClockAndAReopenResumesItKeepingWhatWasUsed() {
        Ticket t = tickets.open(newTicket("Resolved too early"), "test");
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofHours(1))));
        tickets.perform(t.getNumber(), "resolve", new ActionInput("Done", null, null, null), FIRST_LINE);
        assertThat(clock(t, Metric.RESOLUTION).state()).isEqualTo("MET");

        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofHours(2))));
        tickets.customerWrote(t.getNumber(), "It is not done", null, Channel.EMAIL);

        SlaClocks.ClockView resolution = clock(t, Metric.RESOLUTION);
        assertThat(resolution.state()).isEqualTo("RUNNING");
        assertThat(resolution.businessTimeLeft()).isEqualTo(Duration.ofHours(7));
        assertThat(resolution.dueAt()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z")); // the hour it stood resolved is not counted
        // resolved at 11:00 without an answer, the instant the first response fell due: due means breached
        // (the timer fires at that instant), whether or not the job executor got there before the resolution
        assertThat(clock(t, Metric.FIRST_RESPONSE).state()).isEqualTo("BREACHED");
    }

    @Test
    void aPriorityChangeRetargetsFromTheOriginalStart() {
        Ticket t = tickets.open(newTicket("Whole company stopped"), "test");
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(5))));

        tickets.reprioritize(t.getNumber(), Level.HIGH, Level.HIGH, "document flow stopped", null, manager());

        SlaClocks.ClockView firstResponse = clock(t, Metric.FIRST_RESPONSE);
        assertThat(firstResponse.priority()).isEqualTo(org.linedesk.ticket.Priority.P1);
        assertThat(firstResponse.calendar()).isEqualTo("24x7");
        assertThat(firstResponse.dueAt()).isEqualTo(MONDAY_10_MSK.plus(Duration.ofMinutes(15)));
        assertThat(clock(t, Metric.RESOLUTION).dueAt()).isEqualTo(MONDAY_10_MSK.plus(Duration.ofHours(4)));
        assertThat(slaTimerDue(t)).isEqualTo(MONDAY_10_MSK.plus(Duration.ofSeconds(675)));
    }

    @Test
    void ticketsOfTheAbuseGroupFollowTheAbusePolicyRoundTheClock() {
        Ticket t = tickets.open(new org.linedesk.ticket.NewTicket("Phishing", "phishing", new org.linedesk.ticket.Requester(
                null, "victim@example.com"), Channel.EMAIL, Level.MEDIUM, Level.MEDIUM, "abuse", null), "test");

        SlaClocks.ClockView firstResponse = clock(t, Metric.FIRST_RESPONSE);
        assertThat(firstResponse.policy()).isEqualTo("abuse");
        assertThat(firstResponse.dueAt()).isEqualTo(MONDAY_10_MSK.plus(Duration.ofHours(1)));
    }

    /** The due date of the ticket's SLA clock timer (an engine job of its process instance); null if none. */
    private Instant slaTimerDue(Ticket t) {
        List<String> ids = jdbc.queryForList("select distinct timer_job_id from sla_clock where ticket_id = ? and timer_job_id is not null",
                String.class, t.getId());
        if (ids.isEmpty()) {
            return null;
        }
        assertThat(ids).hasSize(1);
        List<Job> jobs = timers.timers(t.getProcessInstanceId()).stream().filter(j -> j.getId().equals(ids.get(0))).toList();
        assertThat(jobs).as("job %s: %s", ids.get(0), jdbc.queryForList("select id_, type_, process_instance_id_, handler_type_, duedate_ from act_ru_job where id_ = ? or handler_type_ = 'linedesk-sla-clock'", ids.get(0))).hasSize(1);
        return jobs.get(0).getDuedate().toInstant();
    }

    private SlaClocks.ClockView clock(Ticket t, Metric metric) {
        return clockOf(clocks, t, metric);
    }

    static SlaClocks.ClockView clockOf(SlaClocks clocks, Ticket t, Metric metric) {
        return clocks.clocksOf(t.getId()).stream().filter(c -> c.metric() == metric).findFirst().orElseThrow();
    }

    private List<String> slaEvents(Ticket t) {
        return jdbc.queryForList("select type || ':' || new_value from ticket_event where ticket_id = ? and type like 'SLA_%' order by id",
                String.class, t.getId());
    }

    private List<String> notifications(Ticket t) {
        return jdbc.queryForList("select kind || ' ' || metric || ' ' || recipient from sla_notification where ticket_id = ? order by id",
                String.class, t.getId());
    }

    private String group(Ticket t) {
        return jdbc.queryForObject("select current_group from ticket where id = ?", String.class, t.getId());
    }
}
