package org.linedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.TestFixtures;
import org.linedesk.workflow.IncidentProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every refusal is an RFC 9457 problem detail that names the field and the reason, and changes nothing. */
@IntegrationTest
class TicketBadInputApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    TicketService tickets;

    ApiClient fl1, pw1;

    @BeforeEach
    void users() {
        fl1 = new ApiClient(rest).as("fl1");
        pw1 = new ApiClient(rest).as("pw1");
    }

    @Test
    void missingAndOversizedFieldsAreNamed() {
        Map<String, Object> body = new HashMap<>(validTicket());
        body.remove("subject");
        body.put("description", "x".repeat(100_001));
        body.put("requester", Map.of("email", "not-an-address"));

        Response r = fl1.post("/api/tickets", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.errorFields()).containsExactlyInAnyOrder("subject", "description", "requester.email");
        assertThat(r.json().get("detail").asText()).contains("subject: must not be blank");
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        Map<String, Object> body = new HashMap<>(validTicket());
        body.put("channel", "PIGEON");

        Response r = fl1.post("/api/tickets", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorFields()).containsExactly("channel");
        assertThat(r.json().at("/errors/0/reason").asText()).contains("EMAIL").contains("PIGEON");
    }

    @Test
    void malformedJsonIsRefused() {
        Response r = fl1.post("/api/tickets", "{\"subject\": ");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorFields()).containsExactly("body");
    }

    @Test
    void anUnknownGroupIsRefusedOnCreateAndOnHandOver() {
        Map<String, Object> body = new HashMap<>(validTicket());
        body.put("group", "nope");
        long before = ticketRows();

        Response create = fl1.post("/api/tickets", body);

        assertThat(create.status()).isEqualTo(400);
        assertThat(create.errorFields()).containsExactly("group");
        assertThat(ticketRows()).isEqualTo(before);

        String number = fl1.createTicket("Hand me over");
        Response handOver = fl1.action(number, "hand-over", Map.of("group", "nope"));
        assertThat(handOver.status()).isEqualTo(400);
        assertThat(handOver.errorFields()).containsExactly("group");
        assertThat(handOver.json().get("detail").asText()).contains("unknown group 'nope'").contains("passwords");
        assertThat(fl1.get("/api/tickets/" + number).json().get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void actionInputsAreCheckedAgainstWhatTheBpmnDeclares() {
        String number = fl1.createTicket("Inputs");

        Response noReply = fl1.action(number, "resolve", Map.of());
        assertThat(noReply.status()).isEqualTo(400);
        assertThat(noReply.errorFields()).containsExactly("reply");

        Response replyToSpam = fl1.action(number, "close-spam", Map.of("reply", "go away"));
        assertThat(replyToSpam.status()).isEqualTo(400);
        assertThat(replyToSpam.errorFields()).containsExactly("reply");

        Response sameGroup = fl1.action(number, "hand-over", Map.of("group", "first-line"));
        assertThat(sameGroup.status()).isEqualTo(400);
        assertThat(sameGroup.errorFields()).containsExactly("group");

        var ticket = fl1.get("/api/tickets/" + number).json();
        assertThat(ticket.get("status").asText()).isEqualTo("NEW");
        assertThat(ticket.get("conversation")).hasSize(1);
    }

    @Test
    void anActionTheCurrentStepDoesNotAllowIsAConflict() {
        String number = fl1.createTicket("Not spam");
        fl1.action(number, "hand-over", Map.of("group", "passwords"));

        Response r = pw1.action(number, "close-spam", Map.of());

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("detail").asText()).contains("'close-spam' is not allowed on step 'Solve'")
                .contains("resolve");
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        String number = fl1.createTicket("Versioned");
        long version = fl1.get("/api/tickets/" + number).json().get("version").asLong();
        fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "INTERNAL_NOTE", "body", "moved on"));

        Response r = fl1.action(number, "resolve", Map.of("reply", "done", "version", version));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorFields()).containsExactly("version");
        assertThat(fl1.get("/api/tickets/" + number).json().get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void unknownTicketsAre404() {
        assertThat(fl1.get("/api/tickets/INC-9999999").status()).isEqualTo(404);
        assertThat(fl1.get("/api/tickets/hello").status()).isEqualTo(404);
        assertThat(fl1.action("INC-9999999", "resolve", Map.of("reply", "x")).status()).isEqualTo(404);
    }

    @Test
    void badListParametersAreNamed() {
        Response sort = fl1.get("/api/tickets?sort=password");
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.errorFields()).containsExactly("sort");

        Response status = fl1.get("/api/tickets?status=SLEEPING");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.errorFields()).containsExactly("status");

        Response size = fl1.get("/api/tickets?size=100000");
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.errorFields()).containsExactly("size");
    }

    @Test
    void ifTheProcessCannotStartNoTicketRemains() {
        long before = ticketRows();
        repositoryService.suspendProcessDefinitionByKey(IncidentProcess.PROCESS_KEY);
        try {
            Response r = fl1.post("/api/tickets", validTicket());
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.json().get("detail").asText()).contains("nothing was changed");
        } finally {
            repositoryService.activateProcessDefinitionByKey(IncidentProcess.PROCESS_KEY);
        }
        assertThat(ticketRows()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from article a left join ticket t on t.id = a.ticket_id"
                + " where t.id is null", Long.class)).isZero();
    }

    private long ticketRows() {
        return jdbc.queryForObject("select count(*) from ticket", Long.class);
    }

    private static Map<String, Object> validTicket() {
        return Map.of("subject", "Valid", "description", "A valid request",
                "requester", Map.of("name", "Ivan", "email", "ivan@example.com"));
    }
}
