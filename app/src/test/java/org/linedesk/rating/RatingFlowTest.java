package org.linedesk.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.linedesk.mail.OutboxWorker;
import org.linedesk.support.ApiClient;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.MailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A customer rates an answer through the link in the real mail (GreenMail): one click on a score, then
 * speed and comment, then a change; a low rating tells the group's lead; bad links and bad input get a
 * readable page or a problem naming the field and store nothing; only managers see ratings.
 */
@IntegrationTest
class RatingFlowTest {

    /** Monday 23 November 2026, 10:00 in Moscow. */
    static final Instant MONDAY_10_MSK = Instant.parse("2026-11-23T07:00:00Z");
    static final Pattern SCORE_LINK = Pattern.compile("http://localhost:8080(/rate/([A-Z]+-\\d+)/([A-Za-z0-9_.-]+))\\?quality=(\\d)");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    @RegisterExtension
    static GreenMailExtension greenMail = MailServer.extension();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    OutboxWorker outbox;
    @Autowired
    EngineTimers timers;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    ApiClient fl1, pw1, mgr, aud;
    String client;
    static int clients;

    @BeforeEach
    void setUp() {
        timers.setTime(Date.from(MONDAY_10_MSK));
        ApiClient api = new ApiClient(rest);
        fl1 = api.as("fl1");
        pw1 = api.as("pw1");
        mgr = api.as("mgr");
        aud = api.as("aud");
        client = "198.51.100." + (++clients);
    }

    @AfterEach
    void resetClock() {
        timers.reset();
    }

    /** A ticket of this customer answered and resolved by first line; returns the rating link of the reply mail. */
    Link answeredAndResolved(String customer, String language) {
        var requester = Map.of("name", "Olga", "email", customer);
        ApiClient.Response created = fl1.post("/api/tickets", Map.of("subject", "Cannot log in", "description",
                "My password stopped working.", "requester", requester, "channel", "EMAIL"));
        assertThat(created.status()).isEqualTo(201);
        String number = created.json().get("number").asText();
        if (language != null) { // mail and the web form know the customer's language; the agents' API does not ask
            jdbc.sql("update ticket set requester_language = ? where number = ?").params(language, number).update();
        }
        assertThat(fl1.action(number, "resolve", Map.of("reply", "We reset your password; try again.")).status())
                .isEqualTo(200);
        outbox.sendDue();
        MimeMessage reply = MailServer.sentTo(greenMail, customer).stream().filter(m -> subject(m).startsWith("Re:"))
                .findFirst().orElseThrow();
        String body = body(reply);
        Matcher m = SCORE_LINK.matcher(body);
        assertThat(m.find()).as("a score link in the reply:\n" + body).isTrue();
        assertThat(m.group(2)).isEqualTo(number);
        return new Link(number, m.group(1), m.group(3), body);
    }

    record Link(String number, String path, String token, String mailBody) {
    }

    record Page(int status, String html, String cookie, String csrf) {
    }

    Page open(String pathAndQuery) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Forwarded-For", client);
        ResponseEntity<String> page = rest.exchange(pathAndQuery, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        String html = page.getBody() == null ? "" : page.getBody();
        Matcher m = CSRF.matcher(html);
        List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
        return new Page(page.getStatusCode().value(), html, cookies == null ? null : cookies.get(0).split(";")[0],
                m.find() ? m.group(1) : null);
    }

    ResponseEntity<String> submit(Page page, String path, Map<String, String> fields) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, page.cookie());
        headers.add("X-Forwarded-For", client);
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        fields.forEach(body::add);
        if (page.csrf() != null) {
            body.add("_csrf", page.csrf());
        }
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    ResponseEntity<String> submitJson(Page page, String path, Map<String, ?> fields) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add(HttpHeaders.COOKIE, page.cookie());
        headers.add("X-CSRF-TOKEN", page.csrf());
        headers.add("X-Forwarded-For", client);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(fields), headers), String.class);
    }

    Map<String, Object> stored(Link link) {
        return jdbc.sql("""
                select r.quality, r.speed, r.comment, r.changes from rating r join rating_invitation i on i.id = r.invitation_id
                 join ticket t on t.id = i.ticket_id where t.number = ?""").param(link.number()).query().listOfRows()
                .stream().findFirst().orElse(Map.of());
    }

    @Test
    void aScoreClickedInTheMailIsRecordedThenSpeedAndCommentAreAddedAndTheRatingChanged() throws Exception {
        Link link = answeredAndResolved("olga.rates@example.com", null);
        assertThat(link.mailBody()).contains("How did we do?", "5: http://localhost:8080" + link.path() + "?quality=5",
                "1: http://localhost:8080" + link.path() + "?quality=1", "valid until");

        // the click opens the page with the score chosen; the page's script submits it (a real browser does)
        Page clicked = open(link.path() + "?quality=4");
        assertThat(clicked.status()).isEqualTo(200);
        assertThat(clicked.html()).contains("data-auto-submit=\"true\"", "value=\"4\" checked");
        assertThat(stored(link)).as("a GET alone records nothing (mail scanners fetch links)").isEmpty();
        // saved, then redirected to the page that thanks (the test client follows the redirect)
        ResponseEntity<String> saved = submit(clicked, link.path(), Map.of("quality", "4"));
        assertThat(saved.getStatusCode().value()).isEqualTo(200);
        assertThat(saved.getBody()).contains("Thank you! Your rating is saved.", "quality 4 of 5")
                .contains("data-auto-submit=\"false\"");
        assertThat(stored(link)).containsEntry("quality", 4).containsEntry("speed", null);
        Page thanks = open(link.path() + "?saved");

        // the rest: speed and a comment, rendered back as text only
        submit(thanks, link.path(), Map.of("quality", "4", "speed", "3", "comment", "<b>Quick</b> enough"));
        assertThat(stored(link)).containsEntry("quality", 4).containsEntry("speed", 3)
                .containsEntry("comment", "<b>Quick</b> enough").containsEntry("changes", 1);
        assertThat(open(link.path()).html()).contains("&lt;b&gt;Quick&lt;/b&gt; enough").doesNotContain("<b>Quick</b>");

        // a change of mind: the last rating counts
        submit(thanks, link.path(), Map.of("quality", "5", "speed", "5"));
        assertThat(stored(link)).containsEntry("quality", 5).containsEntry("speed", 5)
                .containsEntry("comment", null).containsEntry("changes", 2);
        assertThat(jdbc.sql("select count(*) from rating r join rating_invitation i on i.id = r.invitation_id "
                + "join ticket t on t.id = i.ticket_id where t.number = ?").param(link.number()).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theRussianCustomerGetsTheLinkAndThePageInRussian() {
        Link link = answeredAndResolved("olga.ru@example.ru", "ru");
        assertThat(link.mailBody()).contains("служба поддержки");
        assertThat(link.mailBody()).contains("Как мы справились?", "Ссылка действует до");
        assertThat(open(link.path()).html()).contains("Оцените наш ответ", "Насколько хорош был ответ?");
    }

    @Test
    void aLowRatingTellsTheGroupsLeadOnceAndAnAgentNeverSeesRatings() throws Exception {
        Link link = answeredAndResolved("olga.low@example.com", null);
        Page page = open(link.path());
        submit(page, link.path(), Map.of("quality", "1", "comment", "Did not help at all"));
        submit(page, link.path(), Map.of("quality", "2", "comment", "Did not help at all"));

        List<Map<String, Object>> notices = jdbc.sql("""
                select o.to_address, o.subject, o.body from outbound_mail o join ticket t on t.id = o.ticket_id
                 where t.number = ? and o.purpose = 'RATING_NOTIFICATION'""").param(link.number()).query().listOfRows();
        assertThat(notices).hasSize(1);
        // first line has no lead of its own: the default project's managers
        assertThat((String) notices.get(0).get("to_address")).contains("mgr@test.example");
        assertThat((String) notices.get(0).get("subject")).contains(link.number(), "quality 1 of 5");
        assertThat((String) notices.get(0).get("body")).contains("Did not help at all");

        // managers see it, with the comment; agents get 403 and their ticket view says nothing of it
        ApiClient.Response listed = mgr.get("/api/ratings?quality=2");
        assertThat(listed.status()).as(listed.json().toString()).isEqualTo(200);
        JsonNode list = listed.json();
        assertThat(list.get("ratings").findValuesAsText("ticket")).contains(link.number());
        assertThat(list.get("ratings").findValuesAsText("comment")).contains("Did not help at all");
        assertThat(aud.get("/api/ratings").status()).isEqualTo(200);
        assertThat(fl1.get("/api/ratings").status()).isEqualTo(403);
        assertThat(pw1.get("/api/ratings?format=xlsx").status()).isEqualTo(403);
        assertThat(fl1.get("/api/tickets/" + link.number()).json().toString()).doesNotContain("Did not help at all")
                .doesNotContainIgnoringCase("rating");
    }

    @Test
    void badScoresAndALongCommentAreRefusedNamingTheFieldAndStoreNothing() throws Exception {
        Link link = answeredAndResolved("olga.bad@example.com", null);
        Page page = open(link.path());

        ResponseEntity<String> tooHigh = submitJson(page, link.path(), Map.of("quality", 6));
        assertThat(tooHigh.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(tooHigh.getBody()).get("errors").findValuesAsText("field")).containsExactly("quality");
        ResponseEntity<String> speed = submitJson(page, link.path(), Map.of("quality", 3, "speed", 0));
        assertThat(json.readTree(speed.getBody()).get("errors").findValuesAsText("field")).containsExactly("speed");
        ResponseEntity<String> missing = submitJson(page, link.path(), Map.of("speed", 3));
        assertThat(json.readTree(missing.getBody()).get("errors").findValuesAsText("reason"))
                .containsExactly("is required: a score from 1 to 5");
        ResponseEntity<String> longComment = submitJson(page, link.path(), Map.of("quality", 3, "comment", "x".repeat(2001)));
        assertThat(json.readTree(longComment.getBody()).get("errors").findValuesAsText("reason"))
                .containsExactly("is at most 2000 characters, not 2001");
        assertThat(stored(link)).isEmpty();

        // the page says the same in words
        ResponseEntity<String> onPage = submit(page, link.path(), Map.of("quality", "9", "comment", "y".repeat(2001)));
        assertThat(onPage.getStatusCode().value()).isEqualTo(400);
        assertThat(onPage.getBody()).contains("Please choose a score from 1 to 5 for the answer.",
                "The comment is at most 2,000 characters; yours has 2001.");
        assertThat(stored(link)).isEmpty();

        // the JSON twin stores a good one
        ResponseEntity<String> good = submitJson(page, link.path(), Map.of("quality", 3, "speed", 4));
        assertThat(good.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(good.getBody()).get("quality").asInt()).isEqualTo(3);
        assertThat(stored(link)).containsEntry("quality", 3);
    }

    @Test
    void expiredForgedForeignAndIncompleteLinksGetAFriendlyPageAndStoreNothing() throws Exception {
        Link link = answeredAndResolved("olga.links@example.com", null);
        Link other = answeredAndResolved("olga.other@example.com", null);

        String[] parts = link.token().split("\\.");
        String flipped = parts[0] + "." + (parts[1].charAt(0) == 'A' ? "B" : "A") + parts[1].substring(1);
        assertRefused(open("/rate/" + link.number() + "/" + flipped), "This is not a valid rating link.");
        String otherKey = new RatingTokens(RatingTokens.newKey()).sign(new RatingTokens.Claims(1, 1, MONDAY_10_MSK.plus(Duration.ofDays(1))));
        assertRefused(open("/rate/" + link.number() + "/" + otherKey), "This is not a valid rating link.");
        assertRefused(open("/rate/" + other.number() + "/" + link.token()), "belongs to another request");
        assertRefused(open("/rate/" + link.number()), "The link is incomplete.");
        assertRefused(open("/rate/" + link.number() + "/not-a-token"), "This is not a valid rating link.");

        Page page = open(other.path());
        ResponseEntity<String> forged = submitJson(page, "/rate/" + link.number() + "/" + flipped, Map.of("quality", 5));
        assertThat(forged.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(forged.getBody()).get("errors").findValuesAsText("field")).containsExactly("token");

        timers.setTime(Date.from(MONDAY_10_MSK.plus(Duration.ofDays(31))));
        assertRefused(open(link.path() + "?quality=5"), "This rating link has expired.");
        ResponseEntity<String> late = submit(page, link.path(), Map.of("quality", "5"));
        assertThat(late.getStatusCode().value()).isEqualTo(400);
        assertThat(late.getBody()).contains("This rating link has expired.");
        assertThat(stored(link)).isEmpty();
        assertThat(stored(other)).isEmpty();
    }

    private static void assertRefused(Page page, String text) {
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html()).contains("This rating link does not work", text).doesNotContain("Exception");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return ((String) m.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
