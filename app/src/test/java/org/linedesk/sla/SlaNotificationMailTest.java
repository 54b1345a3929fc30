package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.linedesk.mail.OutboxWorker;
import org.linedesk.support.ApiClient;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.MailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** SLA warnings and breaches reach the people the policy names, by mail through the outbox. */
@IntegrationTest
class SlaNotificationMailTest {

    /** Monday 23 November 2026, 10:00 in Moscow. */
    static final Instant MONDAY_10_MSK = Instant.parse("2026-11-23T07:00:00Z");

    @RegisterExtension
    static GreenMailExtension greenMail = MailServer.extension();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EngineTimers timers;
    @Autowired
    OutboxWorker outbox;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        timers.reset();
    }

    @Test
    void aFirstResponseBreachIsMailedToTheLeadAndTheWarningsToTheGroup() throws Exception {
        timers.setTime(Date.from(MONDAY_10_MSK));
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        var created = fl1.post("/api/tickets", Map.of("subject", "Mail: office offline", "description", "All down",
                "requester", Map.of("email", "office@example.com"), "impact", "HIGH", "urgency", "HIGH"));
        String number = created.json().get("number").asText();
        long id = Long.parseLong(number.substring(4));
        String process = fl1.get("/api/tickets/" + number).json().get("processInstanceId").asText();

        timers.advanceAndFire(process, Duration.ofMinutes(20)); // P1: first response due after 15 minutes

        List<String> queued = jdbc.queryForList("select subject || ' -> ' || to_address from outbound_mail"
                + " where ticket_id = ? and purpose = 'SLA_NOTIFICATION' order by id", String.class, id);
        // 75 %: the group (first line); 90 % and the breach: the lead (no manager is in first line: all managers)
        assertThat(queued).anySatisfy(m -> assertThat(m).contains("SLA warning: first response (P1)", "fl1@test.example",
                "fl2@test.example"));
        assertThat(queued).anySatisfy(m -> assertThat(m).contains("SLA breached: first response (P1)", "mgr@test.example"));
        // managers of the default project only: the games desk's manager hears nothing of it
        assertThat(queued).noneMatch(m -> m.contains("greta@test.example"));

        outbox.sendDue();
        List<MimeMessage> toManager = MailServer.sentTo(greenMail, "mgr@test.example");
        assertThat(toManager).extracting(MimeMessage::getSubject)
                .contains("[" + number + "] SLA breached: first response (P1)");
        MimeMessage breach = toManager.stream().filter(m -> {
            try {
                return m.getSubject().contains("breached");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        assertThat(breach.getContent().toString()).contains("/tickets/" + number, "queue first-line");
        assertThat(breach.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
    }

    @Test
    void aGamesTicketsBreachReachesTheGamesManagersOnly() {
        timers.setTime(Date.from(MONDAY_10_MSK));
        ApiClient gleb = new ApiClient(rest).as("gleb");
        var created = gleb.post("/api/tickets", Map.of("subject", "Servers down", "description", "Nobody can play",
                "requester", Map.of("email", "players@example.com"), "impact", "HIGH", "urgency", "HIGH"));
        String number = created.json().get("number").asText();
        long id = Long.parseLong(number.substring(4));
        String process = gleb.get("/api/tickets/" + number).json().get("processInstanceId").asText();

        timers.advanceAndFire(process, Duration.ofMinutes(40)); // games P1: first response due after 30 minutes (24x7)

        List<String> breaches = jdbc.queryForList("select to_address from outbound_mail where ticket_id = ?"
                + " and purpose = 'SLA_NOTIFICATION' and subject like '%breached%'", String.class, id);
        assertThat(breaches).isNotEmpty().allSatisfy(to -> assertThat(to).contains("greta@test.example")
                .doesNotContain("mgr@test.example"));
    }
}
