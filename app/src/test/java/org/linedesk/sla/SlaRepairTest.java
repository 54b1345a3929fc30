package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.support.TestFixtures.agent;
import static org.linedesk.support.TestFixtures.newTicket;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.support.ApiClient;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SLA repair through the API on a ticket with a pause, a priority change, a resolution and a reopen:
 * a holiday declared after the fact moves its clocks only when a process owner repairs it; the dry run
 * changes nothing; a breach the repair finds in the past is recorded without telling anyone.
 */
@IntegrationTest
class SlaRepairTest {

    static final Instant MONDAY_10_MSK = SlaClocksTest.MONDAY_10_MSK;
    static final Actor AGENT = agent("fl1", GroupTypes.FIRST_LINE);

    @Autowired
    TicketService tickets;
    @Autowired
    SlaClocks clocks;
    @Autowired
    SlaCatalog catalog;
    @Autowired
    EngineTimers timers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate rest;
    @Value("${linedesk.sla-definitions-dir}")
    Path dir;
    SlaDefinitionsFolder folder;

    @BeforeEach
    void monday() {
        folder = SlaDefinitionsFolder.onMonday(dir, timers);
    }

    @AfterEach
    void packagedDefinitionsAgain() {
        folder.restore(catalog);
    }

    /**
     * Monday 2026-11-30, calendar support-moscow (weekdays 06:00-18:00 UTC): opened 07:00 as P2; the
     * agent asks the customer at 07:10 (first response; resolution paused) who answers at 10:10; P3 at
     * 10:15 (12 h); resolved 11:15, reopened 11:45. Resolution used 1 h 15 min: due Tuesday 10:30.
     * Then Monday is declared a holiday: under that version nothing of Monday counts, due Tuesday 18:00.
     */
    @Test
    void aHolidayDeclaredLateMovesTheClocksOnlyWhenRepaired() {
        Ticket t = historyWithPauseReprioritizeResolveAndReopen();
        assertThat(clock(t, Metric.RESOLUTION).dueAt()).isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
        int before = clock(t, Metric.RESOLUTION).definitionsVersion();

        folder.edit("calendars.yaml", "      sunday:    [\"10:00-18:00\"]\n",
                "      sunday:    [\"10:00-18:00\"]\n    holidays: [2026-11-30]\n");
        int holiday = new ApiClient(rest).as("po").post("/api/sla/definitions/reload", null).json().get("version").asInt();
        assertThat(holiday).isGreaterThan(before);
        assertThat(clock(t, Metric.RESOLUTION).dueAt()).as("a reload leaves running clocks alone")
                .isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
        Map<String, Object> rowBefore = row(t, Metric.RESOLUTION);
        long notices = notifications();

        ApiClient po = new ApiClient(rest).as("po");
        ApiClient.Response preview = po.post("/api/sla/repair", Map.of("numbers", List.of(t.getNumber()), "dryRun", true));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("version").asInt()).isEqualTo(holiday);
        assertThat(preview.json().get("selected").asInt()).isEqualTo(1);
        assertThat(preview.json().get("changed").asInt()).isEqualTo(1);
        JsonNode changes = preview.json().get("tickets").get(0).get("changes");
        assertThat(change(changes, "RESOLUTION", "due")).isEqualTo("2026-12-01T10:30:00Z → 2026-12-01T18:00:00Z");
        assertThat(change(changes, "RESOLUTION", "business time used")).isEqualTo("PT1H15M → PT0S");
        assertThat(change(changes, "FIRST_RESPONSE", "business time used")).isEqualTo("PT10M → PT0S");
        assertThat(change(changes, "RESOLUTION", "definitions version")).isEqualTo(before + " → " + holiday);
        assertThat(row(t, Metric.RESOLUTION)).as("a dry run changes nothing").isEqualTo(rowBefore);

        ApiClient.Response noReason = po.post("/api/sla/repair", Map.of("numbers", List.of(t.getNumber()), "dryRun", false));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.errorFields()).containsExactly("reason");
        assertThat(row(t, Metric.RESOLUTION)).isEqualTo(rowBefore);

        ApiClient.Response applied = po.post("/api/sla/repair", Map.of("numbers", List.of(t.getNumber()), "dryRun", false,
                "reason", "30 November declared a holiday"));

        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.json().get("tickets").get(0).get("outcome").asText()).isEqualTo("REPAIRED");
        SlaClocks.ClockView resolution = clock(t, Metric.RESOLUTION);
        assertThat(resolution.dueAt()).isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
        assertThat(resolution.definitionsVersion()).isEqualTo(holiday);
        assertThat(resolution.state()).isEqualTo("RUNNING");
        // the engine timer moved to the resolution's 75 % warning under the repaired clock: 9 h of Tuesday
        assertThat(timerDue(t)).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
        assertThat(jdbc.queryForObject("select detail from ticket_event where ticket_id = ? and type = 'SLA_REPAIRED'",
                String.class, t.getId())).contains("version " + holiday, "by po", "30 November declared a holiday",
                "RESOLUTION due 2026-12-01T10:30:00Z → 2026-12-01T18:00:00Z");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'SLA_REPAIRED' and target = ? and actor = 'po'",
                Integer.class, t.getNumber())).isEqualTo(1);
        assertThat(notifications()).isEqualTo(notices);

        ApiClient.Response again = po.post("/api/sla/repair", Map.of("numbers", List.of(t.getNumber())));
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(again.json().get("tickets")).isEmpty();
    }

    /** A shorter first-response target makes a past answer late: recorded as breached, nobody told, nothing moved. */
    @Test
    void aBreachFoundInThePastIsRecordedWithoutNoticesOrHandOver() {
        Ticket t = tickets.open(newTicket("Answered in ten minutes"), "test");
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(10))));
        tickets.perform(t.getNumber(), "ask-customer", new ActionInput("Which version?", null, null, null), AGENT);
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(30))));
        folder.edit("policies.yaml", "P2: { firstResponse: 1h,  resolution: 8h }", "P2: { firstResponse: 5m,  resolution: 8h }");
        new ApiClient(rest).as("po").post("/api/sla/definitions/reload", null);
        long notices = notifications();

        ApiClient.Response applied = new ApiClient(rest).as("po").post("/api/sla/repair", Map.of(
                "numbers", List.of(t.getNumber()), "dryRun", false, "reason", "first response is five minutes by contract"));

        JsonNode changes = applied.json().get("tickets").get(0).get("changes");
        assertThat(change(changes, "FIRST_RESPONSE", "breached")).isEqualTo("- → 2026-11-30T07:05:00Z");
        assertThat(change(changes, "FIRST_RESPONSE", "target")).isEqualTo("PT1H → PT5M");
        SlaClocks.ClockView firstResponse = clock(t, Metric.FIRST_RESPONSE);
        assertThat(firstResponse.state()).isEqualTo("BREACHED");
        assertThat(firstResponse.breachedAt()).isEqualTo(Instant.parse("2026-11-30T07:05:00Z"));
        assertThat(notifications()).isEqualTo(notices);
        assertThat(jdbc.queryForObject("select count(*) from ticket_event where ticket_id = ? and type = 'SLA_BREACHED'",
                Integer.class, t.getId())).isZero();
        assertThat(jdbc.queryForObject("select current_group from ticket where id = ?", String.class, t.getId()))
                .isEqualTo(GroupTypes.FIRST_LINE);
        assertThat(timers.fireDue(t.getProcessInstanceId())).as("the timer does not escalate the past breach").isZero();
    }

    @Test
    void badSelectionsGetClearAnswers() {
        ApiClient po = new ApiClient(rest).as("po");

        ApiClient.Response nothing = po.post("/api/sla/repair", Map.of("numbers", List.of("NOPE-1")));
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json().get("selected").asInt()).isZero();
        assertThat(SlaVersioningTest.texts(nothing.json().get("notFound"))).containsExactly("NOPE-1");
        ApiClient.Response noGroup = po.post("/api/sla/repair", Map.of("group", "no-such-group"));
        assertThat(noGroup.status()).isEqualTo(200);
        assertThat(noGroup.json().get("tickets")).isEmpty();

        ApiClient.Response everything = po.post("/api/sla/repair", Map.of("dryRun", false, "reason", "all of them"));
        assertThat(everything.status()).isEqualTo(400);
        assertThat(everything.errorFields()).containsExactly("selection");

        ApiClient.Response noVersion = po.post("/api/sla/repair", Map.of("numbers", List.of("NOPE-1"), "version", 9999));
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.json().get("detail").asText()).contains("9999");
        ApiClient.Response backwards = po.post("/api/sla/repair", Map.of("from", "2026-12-01T00:00:00Z", "to", "2026-11-01T00:00:00Z"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.errorFields()).containsExactly("to");
        ApiClient.Response noPolicy = po.post("/api/sla/repair", Map.of("policy", "gold"));
        assertThat(noPolicy.status()).isEqualTo(400);
        assertThat(noPolicy.errorFields()).containsExactly("policy");
        ApiClient.Response badPriority = po.post("/api/sla/repair", Map.of("priority", "P9"));
        assertThat(badPriority.status()).isEqualTo(400);
        assertThat(new ApiClient(rest).as("fl1").post("/api/sla/repair", Map.of("numbers", List.of("NOPE-1"))).status())
                .isEqualTo(403);
        assertThat(new ApiClient(rest).as("mgr").post("/api/sla/repair", Map.of("numbers", List.of("NOPE-1"))).status())
                .isEqualTo(403);
    }

    private Ticket historyWithPauseReprioritizeResolveAndReopen() {
        Ticket t = tickets.open(newTicket("Repair me"), "test");
        at(10);
        tickets.perform(t.getNumber(), "ask-customer", new ActionInput("Which printer?", null, null, null), AGENT);
        at(190);
        tickets.customerWrote(t.getNumber(), "The one on floor 3", null, Channel.EMAIL);
        at(195);
        tickets.reprioritize(t.getNumber(), Level.MEDIUM, Level.MEDIUM, "one printer of many", null, org.linedesk.support.TestFixtures.manager());
        at(255);
        tickets.perform(t.getNumber(), "resolve", new ActionInput("Driver reinstalled", null, null, null), AGENT);
        at(285);
        tickets.customerWrote(t.getNumber(), "It prints blank pages now", null, Channel.EMAIL);
        return t;
    }

    private void at(int minutesAfterOpening) {
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(minutesAfterOpening))));
    }

    private static String change(JsonNode changes, String metric, String field) {
        for (JsonNode c : changes) {
            if (c.get("metric").asText().equals(metric) && c.get("field").asText().equals(field)) {
                return c.get("before").asText() + " → " + c.get("after").asText();
            }
        }
        throw new AssertionError("no change of " + metric + " " + field + " in " + changes);
    }

    private Map<String, Object> row(Ticket t, Metric metric) {
        return jdbc.queryForMap("select * from sla_clock where ticket_id = ? and metric = ?", t.getId(), metric.name());
    }

    private long notifications() {
        return jdbc.queryForObject("select count(*) from sla_notification", Long.class)
                + jdbc.queryForObject("select count(*) from ticket_event where type in ('SLA_WARNING', 'SLA_BREACHED')", Long.class);
    }

    private Instant timerDue(Ticket t) {
        String job = jdbc.queryForObject("select max(timer_job_id) from sla_clock where ticket_id = ?", String.class, t.getId());
        return ((Timestamp) jdbc.queryForObject("select duedate_ from act_ru_job where id_ = ?", Timestamp.class, job)).toInstant();
    }

    private SlaClocks.ClockView clock(Ticket t, Metric metric) {
        return SlaClocksTest.clockOf(clocks, t, metric);
    }
}
