package org.linedesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.RefusingSmtpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A mail the server refuses for good (5xx) ends FAILED at once and the agent sees "not delivered" on the
 * ticket; a temporary refusal (4xx) keeps its retries; SMTP not configured sends nothing and says so.
 */
@IntegrationTest
class MailDeliveryTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MailSettings settings;
    @Autowired
    Clock clock;
    @Autowired
    TestRestTemplate rest;

    RefusingSmtpServer smtp;
    OutboxWorker worker;
    ApiClient fl1;

    @BeforeEach
    void smtpServerThatRefuses() throws Exception {
        smtp = new RefusingSmtpServer();
        MailProperties properties = new MailProperties();
        properties.setHost("127.0.0.1");
        properties.setPort(smtp.port());
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port());
        worker = new OutboxWorker(jdbc, sender, tx, settings, clock, properties);
        fl1 = new ApiClient(rest).as("fl1");
        worker.sendDue(); // whatever other tests left waiting goes out first
    }

    /** Closed after each test: the shared database's first-line queue stays short for other tests. */
    List<String> created = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        smtp.close();
        created.forEach(n -> fl1.action(n, "close-spam", Map.of()));
    }

    @Test
    void aPermanentRefusalEndsTheMailAtOnceAndTheAgentSeesTheCustomerDidNotGetIt() {
        String number = ticketWithReplyTo("unknown.customer@example.com");

        worker.sendDue();

        Map<String, Object> mail = replyOf(number);
        assertThat(mail.get("status")).isEqualTo("FAILED");
        assertThat(mail.get("attempts")).isEqualTo(1);
        assertThat((String) mail.get("last_error")).startsWith("550 5.1.1").contains("User unknown");
        // the agent's view: masked address, the server's words
        JsonNode shown = fl1.get("/api/tickets/" + number).json().path("mails").get(0);
        assertThat(shown.get("purpose").asText()).isEqualTo("REPLY");
        assertThat(shown.get("status").asText()).isEqualTo("FAILED");
        assertThat(shown.get("delivery").asText()).startsWith("not delivered: 550 5.1.1");
        assertThat(shown.get("to").asText()).isEqualTo("un…@e…com");
        String page = fl1.get("/tickets/" + number).json().asText();
        assertThat(page).contains("The customer did not get").contains("not delivered: 550 5.1.1");
        // nothing is tried again later
        assertThat(worker.sendDue()).isZero();
        assertThat(replyOf(number).get("attempts")).isEqualTo(1);
    }

    @Test
    void aTemporaryRefusalIsRetriedAndTheTicketSaysTheMailIsWaiting() {
        String number = ticketWithReplyTo("busy.customer@example.com");

        worker.sendDue();

        Map<String, Object> mail = replyOf(number);
        assertThat(mail.get("status")).isEqualTo("PENDING");
        assertThat((String) mail.get("last_error")).startsWith("451 4.3.0");
        assertThat(fl1.get("/api/tickets/" + number).json().path("mails").get(0).get("delivery").asText())
                .startsWith("waiting (1 attempt: 451 4.3.0");
        assertThat(fl1.get("/tickets/" + number).json().asText()).doesNotContain("The customer did not get");
    }

    @Test
    void oneRefusedMailDoesNotHoldUpTheOthersOfTheBatch() {
        String refused = ticketWithReplyTo("unknown.other@example.com");
        String fine = ticketWithReplyTo("fine.customer@example.com");

        worker.sendDue();

        assertThat(replyOf(refused).get("status")).isEqualTo("FAILED");
        assertThat(replyOf(fine).get("status")).isEqualTo("SENT");
        assertThat(smtp.accepted()).contains(List.of("fine.customer@example.com"));
        assertThat(fl1.get("/api/tickets/" + fine).json().path("mails").get(0).get("delivery").asText()).isEqualTo("sent");
    }

    @Test
    void withoutAnSmtpServerNothingIsTriedAndTheMailWaits() {
        OutboxWorker unconfigured = new OutboxWorker(jdbc, new JavaMailSenderImpl(), tx, settings, clock,
                new MailProperties());
        String number = ticketWithReplyTo("waiting.customer@example.com");

        assertThat(unconfigured.sendDue()).isZero();

        Map<String, Object> mail = replyOf(number);
        assertThat(mail.get("status")).isEqualTo("PENDING");
        assertThat(mail.get("attempts")).isEqualTo(0);
        assertThat(fl1.get("/api/tickets/" + number).json().path("mails").get(0).get("delivery").asText())
                .isEqualTo("waiting to be sent");
    }

    private String ticketWithReplyTo(String customer) {
        ApiClient.Response created = fl1.post("/api/tickets", Map.of("subject", "Printer jam", "description",
                "The printer on floor 3 jams", "requester", Map.of("name", "A customer", "email", customer)));
        assertThat(created.status()).isEqualTo(201);
        String number = created.json().get("number").asText();
        this.created.add(number);
        assertThat(fl1.post("/api/tickets/" + number + "/articles",
                Map.of("kind", "PUBLIC_REPLY", "body", "Please open the tray and take the paper out.")).status())
                .isEqualTo(201);
        return number;
    }

    private Map<String, Object> replyOf(String number) {
        return jdbc.sql("""
                select m.status, m.attempts, m.last_error from outbound_mail m join ticket t on t.id = m.ticket_id
                 where t.number = ? and m.purpose = 'REPLY'""").param(number).query().singleRow();
    }
}
