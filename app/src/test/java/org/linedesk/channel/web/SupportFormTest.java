package org.linedesk.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
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

/** The public support form over HTTP: CSRF, validation, size and rate limits, the answer with the number. */
@IntegrationTest
class SupportFormTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EngineTimers timers;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void mondayMorningInMoscow() {
        timers.setTime(Date.from(Instant.parse("2026-11-23T07:00:00Z")));
    }

    @AfterEach
    void resetClock() {
        timers.reset();
    }

    /** The page with its CSRF token and the session cookie it belongs to. */
    record Page(String token, String cookie) {
    }

    /** Each test is another client (its own address, as a proxy reports it), so rate limits do not mix. */
    private String client;
    private static int clients;

    Page open() {
        client = "203.0.113." + (++clients);
        HttpHeaders get = new HttpHeaders();
        get.add("X-Forwarded-For", client);
        ResponseEntity<String> page = rest.exchange("/support", HttpMethod.GET, new HttpEntity<>(get), String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        Matcher m = CSRF.matcher(page.getBody());
        assertThat(m.find()).as("CSRF token in the page").isTrue();
        String cookie = page.getHeaders().get(HttpHeaders.SET_COOKIE).get(0).split(";")[0];
        return new Page(m.group(1), cookie);
    }

    ResponseEntity<String> submit(Page page, MultiValueMap<String, String> fields, boolean withToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, page.cookie());
        headers.add("X-Forwarded-For", client);
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>(fields);
        if (withToken) {
            body.add("_csrf", page.token());
        }
        return rest.exchange("/support", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    static MultiValueMap<String, String> form(String email, String subject, String description) {
        MultiValueMap<String, String> f = new LinkedMultiValueMap<>();
        f.add("name", "Marta <b>Customer</b>");
        f.add("email", email);
        f.add("subject", subject);
        f.add("description", description);
        f.add("impact", "HIGH");
        return f;
    }

    @Test
    void aCustomerOpensARequestAndIsToldTheNumberAndTheDeadline() {
        ResponseEntity<String> answer = submit(open(), form("marta@example.com", "Invoices page is blank",
                "<script>alert('x')</script> The page stays white."), true);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).containsPattern("INC-\\d{7}")
                // HIGH impact, MEDIUM urgency = P2: first response within 1 business hour
                .contains("We will answer by <strong>11:00 today, Moscow Time</strong>")
                .contains("marta@example.com");
        String number = answer.getBody().replaceAll("(?s).*(INC-\\d{7}).*", "$1");
        var row = jdbc.sql("select channel, impact, requester_name, description from ticket where number = ?")
                .param(number).query().singleRow();
        assertThat(row.get("channel")).isEqualTo("WEB");
        assertThat(row.get("impact")).isEqualTo("HIGH");
        assertThat(row.get("description")).isEqualTo("<script>alert('x')</script> The page stays white.");
        assertThat(jdbc.sql("select count(*) from outbound_mail where to_address = 'marta@example.com' and purpose = 'ACKNOWLEDGEMENT'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void withoutTheCsrfTokenNothingIsCreated() {
        int before = jdbc.sql("select count(*) from ticket where requester_email = 'forged@example.com'").query(Integer.class).single();
        ResponseEntity<String> answer = submit(open(), form("forged@example.com", "Forged", "Forged"), false);
        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from ticket where requester_email = 'forged@example.com'").query(Integer.class)
                .single()).isEqualTo(before);
    }

    @Test
    void badInputIsShownNextToTheFieldsAndCreatesNothing() {
        ResponseEntity<String> answer = submit(open(), form("not-an-address", "", "x".repeat(10_001)), true);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("is not an e-mail address", "is required", "is at most 10000 characters")
                .doesNotContain("INC-");
    }

    @Test
    void oversizedRequestsAreRefusedBeforeTheyAreRead() {
        ResponseEntity<String> answer = submit(open(), form("big@example.com", "Big", "x".repeat(70_000)), true);
        assertThat(answer.getStatusCode().value()).isEqualTo(413);
    }

    @Test
    void theJsonVariantAnswersWithTheNumberAndTheRateLimitStopsAFlood() throws Exception {
        Page page = open();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.add(HttpHeaders.COOKIE, page.cookie());
        headers.add("X-CSRF-TOKEN", page.token());
        headers.add("X-Forwarded-For", client);
        String body = "{\"email\":\"json@example.com\",\"subject\":\"VPN\",\"description\":\"Cannot connect\"}";
        ObjectMapper json = new ObjectMapper();

        ResponseEntity<String> invalid = rest.exchange("/support", HttpMethod.POST,
                new HttpEntity<>("{\"email\":\"json@example.com\"}", headers), String.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(invalid.getBody()).findValuesAsText("field")).contains("subject", "description");

        // the test limit is 3 requests per window from one address
        int created = 0;
        ResponseEntity<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = rest.exchange("/support", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
            if (last.getStatusCode().value() != 201) {
                break;
            }
            created++;
            JsonNode answer = json.readTree(last.getBody());
            assertThat(answer.get("ticket").asText()).matches("INC-\\d{7}");
            assertThat(answer.get("acknowledgementSent").asBoolean()).isTrue();
        }
        assertThat(created).isEqualTo(3);
        assertThat(last.getStatusCode().value()).isEqualTo(429);
        assertThat(last.getHeaders().getFirst("Retry-After")).isEqualTo("600");
        assertThat(jdbc.sql("select count(*) from ticket where requester_email = 'json@example.com'").query(Integer.class)
                .single()).isEqualTo(created);
    }
}
