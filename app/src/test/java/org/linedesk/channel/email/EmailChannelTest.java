package org.linedesk.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linedesk.channel.email.InboundMailProcessor.Result;
import org.linedesk.mail.OutboxWorker;
import org.linedesk.support.ApiClient;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.MailServer;
import org.linedesk.support.MailServer.RawMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The e-mail channel against a real SMTP/IMAP server (GreenMail) and the embedded PostgreSQL. */
@IntegrationTest
class EmailChannelTest {

    /** Monday 23 November 2026, 10:00 in Moscow: inside the support calendar's first shift. */
    static final Instant MONDAY_10_MSK = Instant.parse("2026-11-23T07:00:00Z");

    @RegisterExtension
    static GreenMailExtension greenMail = MailServer.extension();

    @Autowired
    MailboxPoller poller;
    @Autowired
    OutboxWorker outbox;
    @Autowired
    EngineTimers timers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate rest;

    ApiClient fl1, pw1, adm;

    @BeforeEach
    void setUp() {
        timers.setTime(Date.from(MONDAY_10_MSK));
        ApiClient api = new ApiClient(rest);
        fl1 = api.as("fl1");
        pw1 = api.as("pw1");
        adm = api.as("adm");
    }

    @AfterEach
    void resetClock() {
        timers.reset();
    }

    @ParameterizedTest(name = "{0} body, {1}, subject as {2}")
    @CsvSource({
            "UTF-8, 8bit, B",
            "KOI8-R, 8bit, B",
            "KOI8-R, quoted-printable, Q",
            "windows-1251, quoted-printable, B",
            "windows-1251, base64, Q",
            "ISO-8859-5, base64, B"})
    void russianMailInEachCharsetBecomesATicketAndIsAcknowledgedInRussian(String charset, String transfer, String wordEncoding)
            throws Exception {
        String sender = "klient-" + charset.toLowerCase() + "-" + transfer + "@example.ru";
        String subject = "Не открывается почтовый ящик";
        String text = "Здравствуйте! С утра не могу войти в ящик: \"неверный логин\". Помогите, пожалуйста.";
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("=?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <" + sender + ">",
                        MailServer.SUPPORT, "msg-" + sender)
                .subject(subject, charset, wordEncoding).text("plain", text, charset, transfer).bytes());

        assertThat(poller.pollAll()).containsEntry(Result.OPENED, 1);

        JsonNode ticket = ticketOf("msg-" + sender);
        assertThat(ticket.get("subject").asText()).isEqualTo(subject);
        assertThat(ticket.get("description").asText()).isEqualTo(text);
        assertThat(ticket.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(ticket.path("requester").get("name").asText()).isEqualTo("Иван Петров");
        assertThat(ticket.path("requester").get("language").asText()).isEqualTo("ru");

        outbox.sendDue();
        List<MimeMessage> acks = MailServer.sentTo(greenMail, sender);
        assertThat(acks).hasSize(1);
        MimeMessage ack = acks.get(0);
        String number = ticket.get("number").asText();
        assertThat(ack.getSubject()).isEqualTo("[" + number + "] " + subject);
        assertThat(ack.getHeader("In-Reply-To")[0]).isEqualTo("<msg-" + sender + ">");
        assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        String body = (String) ack.getContent();
        // P3 (medium/medium): first response within 1 business hour of the Moscow support calendar
        assertThat(body).contains("Иван Петров", number, "Мы ответим до 11:00 сегодня (время: Москва)");
    }

    @Test
    void htmlIsSanitisedAttachmentsAreKeptAndAnOversizedOneIsNotedNotLost() throws Exception {
        String big = "x".repeat(70 * 1024); // the test limit is 64 KB
        String raw = """
                --mixed
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=UTF-8

                The report is attached.
                --alt
                Content-Type: text/html; charset=UTF-8

                <p onclick="steal()">The <b>report</b> is attached.<script>alert(1)</script></p><img src="http://tracker/x.png">
                --alt--
                --mixed
                Content-Type: text/csv; name="report.csv"
                Content-Disposition: attachment; filename="=?UTF-8?B?0L7RgtGH0ZHRgi5jc3Y=?="
                Content-Transfer-Encoding: base64

                """ + new String(RawMail.encode("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8), "base64"), StandardCharsets.US_ASCII) + """

                --mixed
                Content-Type: application/octet-stream; name="dump.bin"
                Content-Disposition: attachment; filename="dump.bin"

                """ + big + """

                --mixed--
                """;
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("Olga <olga@example.com>", MailServer.SUPPORT,
                "html-1@example.com").subject("Monthly report").multipart("mixed", "mixed", raw).bytes());

        assertThat(poller.pollAll()).containsEntry(Result.OPENED, 1);

        JsonNode ticket = ticketOf("html-1@example.com");
        JsonNode first = ticket.path("conversation").get(0);
        assertThat(first.get("body").asText()).startsWith("The report is attached.")
                .contains("attachment 'dump.bin' was not stored: it is larger than the limit of 64 KB");
        assertThat(first.get("bodyHtml").asText()).contains("<b>report</b>")
                .doesNotContain("script", "onclick", "img", "tracker");
        JsonNode files = first.get("attachments");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("filename").asText()).isEqualTo("отчёт.csv");
        assertThat(files.get(0).get("contentType").asText()).isEqualTo("text/csv");

        String number = ticket.get("number").asText();
        ApiClient.Response download = fl1.get("/api/tickets/" + number + "/attachments/" + files.get(0).get("id").asLong());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().getContentType().toString()).isEqualTo("application/octet-stream");
        assertThat(download.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.json().asText()).isEqualTo("a;b\n1;2\n");

        // the oversized file is in the history and the raw message is kept for admins
        assertThat(ticket.path("history").findValuesAsText("detail")).anyMatch(d -> d.contains("dump.bin"));
        assertThat(jdbc.sql("select octet_length(raw) from inbound_mail where message_id = 'html-1@example.com'")
                .query(Integer.class).single()).isGreaterThan(70 * 1024);
    }

    @Test
    void aReplyThreadsByItsHeadersAndAnotherByTheNumberInTheSubject() throws Exception {
        String customer = "thread@example.com";
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(customer, MailServer.SUPPORT, "t-1@example.com")
                .subject("VPN drops every hour").text("plain", "Since Monday.", "UTF-8", "8bit").bytes());
        poller.pollAll();
        outbox.sendDue();
        MimeMessage ack = MailServer.sentTo(greenMail, customer).get(0);
        String ackId = ack.getHeader("Message-ID")[0];

        // the customer's client answers the acknowledgement: threaded by In-Reply-To, whatever the subject says
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(customer, MailServer.SUPPORT, "t-2@example.com")
                .subject("vpn again").header("In-Reply-To", ackId).header("References", "<t-1@example.com> " + ackId)
                .text("plain", "It dropped again at 11:00.", "UTF-8", "8bit").bytes());
        String number = ticketOf("t-1@example.com").get("number").asText();
        // a message from another address that only quotes the number in the subject
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("colleague@example.com", MailServer.SUPPORT,
                        "t-3@example.com").subject("Re: [" + number + "] VPN drops every hour")
                .text("plain", "Same here.", "UTF-8", "8bit").bytes());

        assertThat(poller.pollAll()).containsEntry(Result.APPENDED, 2).doesNotContainKey(Result.OPENED);

        JsonNode ticket = fl1.get("/api/tickets/" + number).json();
        // one sender's messages keep their order; two senders' messages of one round may interleave
        assertThat(ticket.path("conversation").findValuesAsText("body"))
                .containsExactlyInAnyOrder("Since Monday.", "It dropped again at 11:00.", "Same here.")
                .startsWith("Since Monday.");
        // an agent sees the customers' addresses masked (PersonalData), a manager whole
        assertThat(ticket.path("conversation").findValuesAsText("author"))
                .containsExactlyInAnyOrder("th…@e…com", "th…@e…com", "co…@e…com");
        assertThat(new ApiClient(rest).as("mgr").get("/api/tickets/" + number).json().path("conversation")
                .findValuesAsText("author")).containsExactlyInAnyOrder(customer, customer, "colleague@example.com");
        outbox.sendDue();
        assertThat(MailServer.sentTo(greenMail, customer)).hasSize(1); // additions are not acknowledged again
    }

    @Test
    void theSameMessageDeliveredTwiceMakesOneTicketAndOneAcknowledgement() {
        byte[] raw = RawMail.from("twice@example.com", MailServer.SUPPORT, "dup-1@example.com").subject("Printer jam")
                .text("plain", "Tray 2.", "UTF-8", "8bit").bytes();
        MailServer.deliver(greenMail, MailServer.SUPPORT, raw);
        assertThat(poller.pollAll()).containsEntry(Result.OPENED, 1);
        MailServer.deliver(greenMail, MailServer.SUPPORT, raw);
        MailServer.deliver(greenMail, MailServer.ABUSE, raw); // also delivered to a second desk address
        assertThat(poller.pollAll()).containsEntry(Result.DUPLICATE, 2).doesNotContainKey(Result.OPENED);

        assertThat(jdbc.sql("select count(*) from ticket where requester_email = 'twice@example.com'")
                .query(Integer.class).single()).isEqualTo(1);
        outbox.sendDue();
        assertThat(MailServer.sentTo(greenMail, "twice@example.com")).hasSize(1);
    }

    @Test
    void automaticRepliesGetNoAcknowledgementAndDoNotReopenAResolvedTicket() throws Exception {
        // an out-of-office reply that arrives as a new message: a ticket, but no answer to the robot
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("robot@example.com", MailServer.SUPPORT,
                "auto-1@example.com").subject("Out of office").header("Auto-Submitted", "auto-replied")
                .text("plain", "I am away until Monday.", "UTF-8", "8bit").bytes());
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("lists@example.com", MailServer.SUPPORT,
                "bulk-1@example.com").subject("Newsletter").header("Precedence", "bulk")
                .text("plain", "News.", "UTF-8", "8bit").bytes());
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("exchange@example.com", MailServer.SUPPORT,
                "suppress-1@example.com").subject("Meeting room broken").header("X-Auto-Response-Suppress", "All")
                .text("plain", "The projector in room 4.", "UTF-8", "8bit").bytes());
        assertThat(poller.pollAll()).containsEntry(Result.OPENED, 3);
        outbox.sendDue();
        assertThat(MailServer.sentTo(greenMail, "robot@example.com")).isEmpty();
        assertThat(MailServer.sentTo(greenMail, "lists@example.com")).isEmpty();
        assertThat(MailServer.sentTo(greenMail, "exchange@example.com")).isEmpty();

        // a person's ticket is answered and resolved; then their out-of-office reply comes back
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("person@example.com", MailServer.SUPPORT,
                "p-1@example.com").subject("Printer offline").text("plain", "Room 7.", "UTF-8", "8bit").bytes());
        poller.pollAll();
        String number = ticketOf("p-1@example.com").get("number").asText();
        assertThat(fl1.action(number, "resolve", Map.of("reply", "Restarted it, works now.")).status()).isEqualTo(200);
        outbox.sendDue();
        MimeMessage reply = MailServer.sentTo(greenMail, "person@example.com").stream()
                .filter(m -> subjectOf(m).startsWith("Re:")).findFirst().orElseThrow();
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("person@example.com", MailServer.SUPPORT,
                        "p-oof@example.com").subject("Automatic reply: " + subjectOf(reply))
                .header("In-Reply-To", reply.getHeader("Message-ID")[0]).header("Auto-Submitted", "auto-replied")
                .text("plain", "I am on holiday.", "UTF-8", "8bit").bytes());
        assertThat(poller.pollAll()).containsEntry(Result.APPENDED, 1);

        JsonNode ticket = fl1.get("/api/tickets/" + number).json();
        assertThat(ticket.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(ticket.get("reopenCount").asInt()).isZero();
        assertThat(ticket.path("conversation").findValuesAsText("body")).contains("I am on holiday.");
    }

    @Test
    void aFloodFromOneSenderIsQuarantinedVisibleToAdminsAndCanBeReleased() {
        for (int i = 1; i <= 6; i++) { // the test limit is 5 per hour
            MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from("flood@example.com", MailServer.SUPPORT,
                    "flood-" + i + "@example.com").subject("Help " + i).text("plain", "Again " + i, "UTF-8", "8bit").bytes());
        }
        // the desk's own address as sender: a loop
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(MailServer.SUPPORT, MailServer.SUPPORT,
                "loop-1@linedesk.test").subject("[INC-9999999] Re: Re: Re:").text("plain", "loop", "UTF-8", "8bit").bytes());
        // no sender at all
        MailServer.deliver(greenMail, MailServer.SUPPORT, ("To: " + MailServer.SUPPORT + "\r\nSubject: nobody\r\n"
                + "Message-ID: <nobody-1@example.com>\r\n\r\nwho am I").getBytes(StandardCharsets.US_ASCII));

        assertThat(poller.pollAll()).containsEntry(Result.OPENED, 5).containsEntry(Result.QUARANTINED, 3);

        ApiClient.Response list = adm.get("/api/mail/quarantine");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("reason")).anyMatch(r -> r.contains("flood@example.com") && r.contains("rate limit"))
                .anyMatch(r -> r.contains("mail loop")).anyMatch(r -> r.contains("no sender address"));
        assertThat(fl1.get("/api/mail/quarantine").status()).isEqualTo(403);

        long id = jdbc.sql("select id from inbound_mail where message_id = 'flood-6@example.com'").query(Long.class).single();
        ApiClient.Response raw = adm.get("/api/mail/quarantine/" + id + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.json().asText()).contains("Again 6");

        assertThat(adm.post("/api/mail/quarantine/" + id + "/release", null).json().get("result").asText())
                .isEqualTo("OPENED");
        assertThat(jdbc.sql("select count(*) from ticket where requester_email = 'flood@example.com'")
                .query(Integer.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("select released_by from inbound_mail where id = ?").param(id).query(String.class).single())
                .isEqualTo("adm");
    }

    @Test
    void aCustomersReplyReopensTheResolvedTicketInTheGroupThatAnsweredLast() throws Exception {
        String customer = "reopen@example.com";
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(customer, MailServer.SUPPORT, "r-1@example.com")
                .subject("Forgot my password").text("plain", "Cannot log in.", "UTF-8", "8bit").bytes());
        poller.pollAll();
        JsonNode ticket = ticketOf("r-1@example.com");
        String number = ticket.get("number").asText();
        // the routing rule "passwords" sent it straight to the Passwords group, with a hint for everyone
        assertThat(ticket.get("group").asText()).isEqualTo("passwords");
        assertThat(ticket.get("routingHint").asText()).isEqualTo("passwords");
        assertThat(ticket.get("tags")).hasSize(1);

        assertThat(pw1.action(number, "resolve", Map.of("reply", "We reset it; check your recovery address.")).status())
                .isEqualTo(200);
        outbox.sendDue();
        MimeMessage reply = MailServer.sentTo(greenMail, customer).stream().filter(m -> subjectOf(m).startsWith("Re:"))
                .findFirst().orElseThrow();
        assertThat(reply.getSubject()).isEqualTo("Re: [" + number + "] Forgot my password");
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<r-1@example.com>");
        assertThat(reply.getHeader("References")[0]).contains("<r-1@example.com>");
        assertThat(reply.getHeader("Auto-Submitted")).isNull();
        assertThat((String) reply.getContent()).startsWith("We reset it; check your recovery address.")
                .contains("pw1 Tester, support team");

        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(customer, MailServer.SUPPORT, "r-2@example.com")
                .subject(reply.getSubject()).header("In-Reply-To", reply.getHeader("Message-ID")[0])
                .text("plain", "The recovery address is gone too.", "UTF-8", "8bit").bytes());
        assertThat(poller.pollAll()).containsEntry(Result.APPENDED, 1);

        JsonNode reopened = pw1.get("/api/tickets/" + number).json();
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
        assertThat(reopened.get("group").asText()).isEqualTo("passwords");
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
    }

    @Test
    void aReplyAfterTheReopenWindowOpensANewTicketLinkedToTheOld() throws Exception {
        String customer = "late@example.com";
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(customer, MailServer.SUPPORT, "l-1@example.com")
                .subject("Calendar sync").text("plain", "Outlook does not sync.", "UTF-8", "8bit").bytes());
        poller.pollAll();
        JsonNode ticket = ticketOf("l-1@example.com");
        String number = ticket.get("number").asText();
        assertThat(ticket.get("routingHint").asText()).isEqualTo("web & mail clients");
        assertThat(workListItem(fl1, number).get("hint").asText()).isEqualTo("looks like: web & mail clients");
        fl1.action(number, "resolve", Map.of("reply", "Re-add the account."));
        timers.advanceAndFire(ticket.get("processInstanceId").asText(), Duration.ofDays(3).plusMinutes(1));
        assertThat(fl1.get("/api/tickets/" + number).json().get("status").asText()).isEqualTo("CLOSED");

        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(customer, MailServer.SUPPORT, "l-2@example.com")
                .subject("Re: [" + number + "] Calendar sync").text("plain", "It broke again, it asks for my password.",
                        "UTF-8", "8bit").bytes());
        assertThat(poller.pollAll()).containsEntry(Result.FOLLOW_UP, 1);

        JsonNode followUp = ticketOf("l-2@example.com");
        assertThat(followUp.get("number").asText()).isNotEqualTo(number);
        assertThat(followUp.get("followUpOf").asText()).isEqualTo(number);
        // first line answered it last, but the routing rule "passwords" says where this follow-up goes
        assertThat(followUp.get("group").asText()).isEqualTo("passwords");
        outbox.sendDue();
        assertThat(MailServer.sentTo(greenMail, customer)).anyMatch(m -> subjectOf(m).contains(followUp.get("number").asText()));
    }

    @Test
    void whileSmtpIsDownRepliesWaitAndAreSentOnceWhenItIsBack() throws Exception {
        String customer = "outage@example.com";
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(customer, MailServer.SUPPORT, "o-1@example.com")
                .subject("Scanner").text("plain", "Scanner shows E4.", "UTF-8", "8bit").bytes());
        poller.pollAll();
        String number = ticketOf("o-1@example.com").get("number").asText();
        greenMail.stop();

        assertThat(outbox.sendDue()).isZero();
        long ticketId = Long.parseLong(number.substring(4));
        Map<String, Object> waiting = jdbc.sql("select status, attempts, last_error, next_attempt_at from outbound_mail where ticket_id = ?")
                .param(ticketId).query().singleRow();
        assertThat(waiting.get("status")).isEqualTo("PENDING");
        assertThat(waiting.get("attempts")).isEqualTo(1);
        assertThat((String) waiting.get("last_error")).contains("Connection refused");
        // a second try before the back-off is over does not touch it
        assertThat(outbox.sendDue()).isZero();
        assertThat(jdbc.sql("select attempts from outbound_mail where ticket_id = ?").param(ticketId).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(adm.get("/actuator/health").json().path("components").path("outbox").path("details")
                .path("pending").asInt()).isGreaterThanOrEqualTo(1);

        greenMail.start();
        timers.setTime(Date.from(MONDAY_10_MSK.plusSeconds(11)));
        assertThat(outbox.sendDue()).isGreaterThanOrEqualTo(1);
        assertThat(outbox.sendDue()).isZero();
        assertThat(MailServer.sentTo(greenMail, customer)).hasSize(1);
        assertThat(jdbc.sql("select status from outbound_mail where ticket_id = ?").param(ticketId).query(String.class)
                .single()).isEqualTo("SENT");
    }

    @Test
    void aMalformedMessageStillBecomesATicketWithItsRawTextKept() {
        // the closing boundary is missing and a part claims an unknown charset
        byte[] raw = RawMail.from("broken@example.com", MailServer.SUPPORT, "broken-1@example.com").subject("Broken mail")
                .multipart("mixed", "b1", """
                        --b1
                        Content-Type: text/plain; charset=x-no-such-charset
                        Content-Transfer-Encoding: 8bit

                        Our invoices page shows error 500.
                        """).bytes();
        MailServer.deliver(greenMail, MailServer.SUPPORT, raw);

        assertThat(poller.pollAll()).containsEntry(Result.OPENED, 1);

        JsonNode ticket = ticketOf("broken-1@example.com");
        assertThat(ticket.get("description").asText()).contains("Our invoices page shows error 500.");
        assertThat(ticket.path("history").findValuesAsText("detail")).anyMatch(d -> d.contains("x-no-such-charset"));
        assertThat(jdbc.sql("select raw is not null from inbound_mail where message_id = 'broken-1@example.com'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aMailboxThatIsDownIsRetriedAndShownInHealth() {
        greenMail.stop();
        poller.pollAll();
        JsonNode health = adm.get("/actuator/health").json().path("components").path("mailboxes");
        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("details").path("support").get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(health.path("details").path("support").get("lastError").asText()).isNotBlank();

        greenMail.start();
        poller.pollAll(); // still in back-off: not tried
        assertThat(adm.get("/actuator/health").json().path("components").path("mailboxes").get("status").asText())
                .isEqualTo("DOWN");
        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofMinutes(1))));
        poller.pollAll();
        assertThat(adm.get("/actuator/health").json().path("components").path("mailboxes").get("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void mailToTheAbuseAddressGoesToTheAbuseGroup() {
        MailServer.deliver(greenMail, MailServer.ABUSE, RawMail.from("reporter@example.net", MailServer.ABUSE, "abuse-1@example.net")
                .subject("Spam from your network").text("plain", "See headers below.", "UTF-8", "8bit").bytes());
        poller.pollAll();
        JsonNode ticket = ticketOf("abuse-1@example.net");
        assertThat(ticket.get("group").asText()).isEqualTo("abuse");
        assertThat(ticket.get("category").asText()).isEqualTo("abuse");
    }

    private JsonNode ticketOf(String messageId) {
        String number = jdbc.sql("select t.number from inbound_mail m join ticket t on t.id = m.ticket_id where m.message_id = ?")
                .param(messageId).query(String.class).single();
        return adm.get("/api/tickets/" + number).json();
    }

    @Test
    void mailToAProjectsAddressOpensATicketOfThatProjectAnsweredFromIt() throws Exception {
        MailServer.deliver(greenMail, MailServer.GAMES, RawMail.from("player@example.com", MailServer.GAMES,
                "games-1@example.com").subject("Lost my sword").text("plain", "It vanished after the update.", "UTF-8",
                "8bit").bytes());
        poller.pollAll();

        JsonNode ticket = ticketOf("games-1@example.com");
        assertThat(ticket.path("number").asText()).startsWith("GAM-");
        assertThat(ticket.path("project").asText()).isEqualTo("games");
        assertThat(ticket.path("group").asText()).isEqualTo("games-first-line");
        assertThat(jdbc.sql("select project from inbound_mail where message_id = 'games-1@example.com'")
                .query(String.class).single()).isEqualTo("games");
        outbox.sendDue();
        MimeMessage ack = MailServer.sentTo(greenMail, "player@example.com").get(0);
        assertThat(ack.getFrom()[0].toString()).contains(MailServer.GAMES);
        assertThat(subjectOf(ack)).contains(ticket.path("number").asText());

        // a message that only quotes the games number in its subject joins that ticket
        MailServer.deliver(greenMail, MailServer.GAMES, RawMail.from("friend@example.com", MailServer.GAMES,
                "games-2@example.com").subject("Re: [" + ticket.path("number").asText() + "] Lost my sword")
                .text("plain", "Same for me.", "UTF-8", "8bit").bytes());
        assertThat(poller.pollAll()).containsEntry(Result.APPENDED, 1).doesNotContainKey(Result.OPENED);
        assertThat(ticketOf("games-2@example.com").path("number").asText()).isEqualTo(ticket.path("number").asText());
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent's work list entry for a ticket (the shared test database may hold many queued tickets). */
    private static JsonNode workListItem(ApiClient agent, String number) {
        for (int page = 0; ; page++) {
            JsonNode items = agent.get("/api/work?size=500&page=" + page).json();
            assertThat(items.size()).as("%s in the work list", number).isPositive();
            for (JsonNode item : items) {
                if (item.get("number").asText().equals(number)) {
                    return item;
                }
            }
        }
    }
}
