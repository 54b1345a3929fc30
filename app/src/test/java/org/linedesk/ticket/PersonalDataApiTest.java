package org.linedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The masking rule of the console holds in the API: an agent gets the customer's address masked wherever
 * it appears and can only check whether an address the customer gives matches; managers, auditors and
 * admins get it whole.
 */
@IntegrationTest
class PersonalDataApiTest {

    static final String CUSTOMER = "olga.smirnova@example.org";

    @Autowired
    TestRestTemplate rest;
    /** Closed after each test: the shared database's first-line queue stays short for other tests. */
    java.util.List<String> created = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeTheTickets() {
        created.forEach(n -> new ApiClient(rest).as("fl1").action(n, "close-spam", Map.of()));
    }

    @Test
    void anAgentSeesTheCustomersAddressMaskedEverywhere() {
        String number = ticketWithCustomerMessage();

        JsonNode ticket = new ApiClient(rest).as("fl1").get("/api/tickets/" + number).json();

        assertThat(ticket.path("requester").get("email").asText()).isEqualTo("ol…@e…org");
        assertThat(ticket.path("requester").get("name").asText()).isEqualTo("Olga Smirnova");
        assertThat(ticket.path("conversation").findValuesAsText("author")).contains("ol…@e…org");
        assertThat(ticket.path("history").findValuesAsText("actor")).contains("ol…@e…org").contains("fl1");
        assertThat(ticket.toString()).doesNotContain(CUSTOMER);
    }

    @Test
    void managersAuditorsAndAdminsSeeItWhole() {
        String number = ticketWithCustomerMessage();

        for (String user : new String[] {"mgr", "aud", "adm"}) {
            JsonNode ticket = new ApiClient(rest).as(user).get("/api/tickets/" + number).json();
            assertThat(ticket.path("requester").get("email").asText()).as(user).isEqualTo(CUSTOMER);
            assertThat(ticket.path("conversation").findValuesAsText("author")).as(user).contains(CUSTOMER);
            assertThat(ticket.path("history").findValuesAsText("actor")).as(user).contains(CUSTOMER);
        }
    }

    @Test
    void anAgentChecksWhatTheCustomerSaysAndTheCheckIsOnTheRecord() {
        String number = ticketWithCustomerMessage();
        ApiClient fl1 = new ApiClient(rest).as("fl1");

        ApiClient.Response wrong = fl1.post("/api/tickets/" + number + "/identity-check", Map.of("email", "olga@example.org"));
        ApiClient.Response right = fl1.post("/api/tickets/" + number + "/identity-check", Map.of("email", " Olga.Smirnova@Example.org "));
        ApiClient.Response missing = fl1.post("/api/tickets/" + number + "/identity-check", Map.of());

        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.json().get("matches").asBoolean()).isFalse();
        assertThat(right.json().get("matches").asBoolean()).isTrue();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorFields()).containsExactly("email");
        assertThat(fl1.get("/api/tickets/" + number).json().path("history").findValuesAsText("detail"))
                .anyMatch(d -> d.contains("identity check by fl1") && d.contains("does not match"))
                .anyMatch(d -> d.contains("identity check by fl1") && d.contains(": the e-mail the customer gave matches"));
    }

    private String ticketWithCustomerMessage() {
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        ApiClient.Response created = fl1.post("/api/tickets", Map.of("subject", "Cannot log in", "description",
                "Since this morning", "requester", Map.of("name", "Olga Smirnova", "email", CUSTOMER), "channel", "PHONE"));
        assertThat(created.status()).isEqualTo(201);
        String number = created.json().get("number").asText();
        this.created.add(number);
        assertThat(fl1.post("/api/tickets/" + number + "/customer-messages", Map.of("body", "Still broken",
                "from", Map.of("name", "Olga Smirnova", "email", CUSTOMER), "channel", "EMAIL")).status()).isEqualTo(201);
        return number;
    }
}
