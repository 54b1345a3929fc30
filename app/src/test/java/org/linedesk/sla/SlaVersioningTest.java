package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.support.TestFixtures.agent;
import static org.linedesk.support.TestFixtures.newTicket;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

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
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A reload with changed and removed policies while clocks run: the running clocks keep the version
 * they started under (its targets, pause rules and calendars, even of a policy no longer in the files),
 * new tickets follow the new version; the versions and their changes through the API.
 */
@IntegrationTest
class SlaVersioningTest {

    static final Instant MONDAY_10_MSK = SlaClocksTest.MONDAY_10_MSK;
    static final Actor AGENT = agent("fl1", GroupTypes.FIRST_LINE, "abuse");

    @Autowired
    TicketService tickets;
    @Autowired
    SlaClocks clocks;
    @Autowired
    SlaCatalog catalog;
    @Autowired
    EngineTimers timers;
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

    @Test
    void runningClocksKeepTheirVersionNewTicketsFollowTheNewOne() {
        ApiClient po = new ApiClient(rest).as("po");
        po.post("/api/sla/definitions/reload", null); // the shipped files (a version of their own, or the newest already)
        Ticket before = tickets.open(newTicket("Opened before the change"), "test");
        Ticket abuse = tickets.open(new NewTicket("Phishing", "phishing", new Requester(null, "victim@example.com"),
                Channel.EMAIL, Level.MEDIUM, Level.MEDIUM, "abuse", null), "test");
        int old = clock(before, Metric.RESOLUTION).definitionsVersion();
        assertThat(clock(abuse, Metric.RESOLUTION).policy()).isEqualTo("abuse");

        folder.edit("policies.yaml", "P2: { firstResponse: 1h,  resolution: 8h }", "P2: { firstResponse: 1h,  resolution: 4h }")
                .removePolicy("abuse");
        ApiClient.Response reloaded = po.post("/api/sla/definitions/reload", null);

        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.json().get("version").asInt()).isEqualTo(old + 1);
        assertThat(reloaded.json().get("changed").asBoolean()).isTrue();
        assertThat(texts(reloaded.json().get("changes"))).contains("policy abuse removed",
                "policy standard: targets.P2.resolution 8h → 4h");

        Ticket after = tickets.open(newTicket("Opened after the change"), "test");
        assertThat(clock(after, Metric.RESOLUTION).definitionsVersion()).isEqualTo(old + 1);
        assertThat(clock(after, Metric.RESOLUTION).dueAt()).isEqualTo(MONDAY_10_MSK.plus(Duration.ofHours(4)));
        assertThat(clock(before, Metric.RESOLUTION).definitionsVersion()).isEqualTo(old);
        assertThat(clock(before, Metric.RESOLUTION).dueAt()).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));

        // the old ticket pauses and resumes by its own version's rules: 8 hours, paused time credited back
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(10))));
        tickets.perform(before.getNumber(), "ask-customer", new ActionInput("Which browser?", null, null, null), AGENT);
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(190))));
        tickets.customerWrote(before.getNumber(), "Firefox", null, Channel.EMAIL);
        assertThat(clock(before, Metric.RESOLUTION).dueAt()).isEqualTo(Instant.parse("2026-11-30T18:00:00Z"));

        // a policy gone from the files still rules the clocks that started under it
        tickets.perform(abuse.getNumber(), "ask-customer", new ActionInput("Which link?", null, null, null), AGENT);
        assertThat(clock(abuse, Metric.RESOLUTION).state()).isEqualTo("PAUSED");
        assertThat(clock(abuse, Metric.RESOLUTION).policy()).isEqualTo("abuse");
        Ticket abuseAfter = tickets.open(new NewTicket("Phishing again", "phishing", new Requester(null, "victim@example.com"),
                Channel.EMAIL, Level.MEDIUM, Level.MEDIUM, "abuse", null), "test");
        assertThat(clock(abuseAfter, Metric.RESOLUTION).policy()).isEqualTo("standard");

        // the ticket shows the version and policy each clock follows
        JsonNode sla = new ApiClient(rest).as("fl1").get("/api/tickets/" + before.getNumber()).json().get("sla");
        assertThat(sla.get(1).get("definitionsVersion").asInt()).isEqualTo(old);
        assertThat(sla.get(1).get("policy").asText()).isEqualTo("standard");
    }

    @Test
    void aReloadThatChangesNothingKeepsTheVersionAndTheVersionsCanBeRead() {
        ApiClient po = new ApiClient(rest).as("po");
        int newest = po.post("/api/sla/definitions/reload", null).json().get("version").asInt();
        folder.edit("calendars.yaml", "# Business calendars.", "# Business calendars (reworded).");

        ApiClient.Response again = po.post("/api/sla/definitions/reload", null);

        assertThat(again.json().get("version").asInt()).isEqualTo(newest);
        assertThat(again.json().get("changed").asBoolean()).isFalse();

        folder.edit("calendars.yaml", "holidays: [2027-01-04, 2027-01-05, 2027-01-06, 2027-01-08]",
                "holidays: [2027-01-04, 2027-01-05, 2027-01-06, 2027-01-07, 2027-01-08]");
        assertThat(po.post("/api/sla/definitions/reload", null).json().get("version").asInt()).isEqualTo(newest + 1);

        ApiClient.Response list = new ApiClient(rest).as("mgr").get("/api/sla/definitions/versions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("number").asInt()).isEqualTo(newest + 1);
        assertThat(list.json().get(0).get("newest").asBoolean()).isTrue();
        assertThat(list.json().get(0).get("loadedBy").asText()).isEqualTo("po");
        assertThat(texts(list.json().get(0).get("changes"))).containsExactly("calendar office-moscow: holidays 2027-01-07 added");
        assertThat(list.json().get(1).get("newest").asBoolean()).isFalse();

        JsonNode one = po.get("/api/sla/definitions/versions/" + newest).json();
        // the version keeps the text it was first loaded with: the rewording alone made no version
        assertThat(one.get("files").get("calendars.yaml").asText()).contains("2027-01-08").doesNotContain("2027-01-07")
                .doesNotContain("(reworded)");
        assertThat(texts(one.get("policies"))).contains("standard", "abuse");
        assertThat(texts(po.get("/api/sla/definitions/versions/" + (newest + 1) + "/changes?from=" + newest).json()
                .get("changes"))).containsExactly("calendar office-moscow: holidays 2027-01-07 added");

        ApiClient.Response missing = po.get("/api/sla/definitions/versions/9999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains("9999");
        assertThat(new ApiClient(rest).as("fl1").get("/api/sla/definitions/versions").status()).isEqualTo(403);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private SlaClocks.ClockView clock(Ticket t, Metric metric) {
        return SlaClocksTest.clockOf(clocks, t, metric);
    }
}
