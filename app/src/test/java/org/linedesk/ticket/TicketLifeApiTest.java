package org.linedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The whole life of tickets through HTTP on the embedded PostgreSQL. */
@IntegrationTest
class TicketLifeApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EngineTimers timers;

    ApiClient fl1, fl2, pw1, sv1, mgr;

    @BeforeEach
    void users() {
        ApiClient api = new ApiClient(rest);
        fl1 = api.as("fl1");
        fl2 = api.as("fl2");
        pw1 = api.as("pw1");
        sv1 = api.as("sv1");
        mgr = api.as("mgr");
    }

    @AfterEach
    void resetClock() {
        timers.reset();
    }

    @Test
    void aNewTicketLandsInFirstLineTriageWithTheActionsTheBpmnDeclares() {
        Response created = fl1.post("/api/tickets", Map.of("subject", "Cannot log in",
                "description", "Password not accepted since 9:00",
                "requester", Map.of("name", "Ivan", "email", "ivan@example.com"),
                "channel", "PHONE", "impact", "HIGH", "urgency", "MEDIUM"));

        assertThat(created.status()).isEqualTo(201);
        String number = created.json().get("number").asText();
        assertThat(number).matches("INC-\\d{7}");
        assertThat(created.headers().getLocation()).hasToString("/api/tickets/" + number);

        JsonNode ticket = fl1.get("/api/tickets/" + number).json();
        assertThat(ticket.get("status").asText()).isEqualTo("NEW");
        assertThat(ticket.get("priority").asText()).isEqualTo("P2");
        assertThat(ticket.get("channel").asText()).isEqualTo("PHONE");
        assertThat(ticket.get("group").asText()).isEqualTo("first-line");
        assertThat(ticket.at("/currentTask/step").asText()).isEqualTo("Task_Triage");
        assertThat(ids(ticket.at("/currentTask/actions"))).containsExactly("resolve", "ask-customer", "hand-over", "close-spam");
        assertThat(ticket.at("/conversation/0/kind").asText()).isEqualTo("CUSTOMER_MESSAGE");
        assertThat(ticket.at("/conversation/0/body").asText()).isEqualTo("Password not accepted since 9:00");
        assertThat(types(ticket)).startsWith("CREATED", "PRIORITY_DECIDED");
        assertThat(ticket.at("/history/0/detail").asText()).contains("queue first-line");
        assertThat(ticket.at("/history/1/detail").asText()).contains("impact HIGH (1) × urgency MEDIUM (2) → P2");
    }

    @Test
    void handOverAskTheCustomerResolveReopenToTheLastGroupAndAutoClose() {
        String number = fl1.createTicket("Mailbox locked");

        // First line claims and hands over to Passwords.
        assertThat(fl1.post("/api/tickets/" + number + "/claim", null).json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(fl1.action(number, "hand-over", Map.of("group", "passwords", "reason", "account check")).status())
                .isEqualTo(200);
        JsonNode handedOver = pw1.get("/api/tickets/" + number).json();
        assertThat(handedOver.get("status").asText()).isEqualTo("OPEN");
        assertThat(handedOver.get("group").asText()).isEqualTo("passwords");
        assertThat(handedOver.at("/currentTask/step").asText()).isEqualTo("Task_Solve");
        assertThat(workList(pw1)).contains(number);
        assertThat(workList(fl1)).doesNotContain(number);

        // Passwords asks the customer; the answer brings it back to Passwords, not to first line.
        Response asked = pw1.action(number, "ask-customer", Map.of("reply", "Which address do you recover with?"));
        assertThat(asked.json().get("status").asText()).isEqualTo("PENDING_CUSTOMER");
        assertThat(asked.json().get("firstRespondedAt").isNull()).isFalse();
        assertThat(pw1.customerWrites(number, "recovery@example.com").status()).isEqualTo(201);
        JsonNode answered = pw1.get("/api/tickets/" + number).json();
        assertThat(answered.get("status").asText()).isEqualTo("OPEN");
        assertThat(answered.get("group").asText()).isEqualTo("passwords");

        // Resolved; the customer replies within the quiet period: reopened to Passwords (answered last).
        assertThat(pw1.action(number, "resolve", Map.of("reply", "Password reset link sent.")).json()
                .get("status").asText()).isEqualTo("RESOLVED");
        assertThat(pw1.customerWrites(number, "The link does not work").status()).isEqualTo(201);
        JsonNode reopened = pw1.get("/api/tickets/" + number).json();
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
        assertThat(reopened.get("group").asText()).isEqualTo("passwords");
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.at("/currentTask/step").asText()).isEqualTo("Task_Solve");

        // Resolved again; quiet for the quiet period (3 days): closed by the engine's timer.
        JsonNode resolved = pw1.action(number, "resolve", Map.of("reply", "New link sent.")).json();
        String processInstance = resolved.get("processInstanceId").asText();
        assertThat(timers.advanceAndFire(processInstance, Duration.ofDays(3).minusMinutes(1))).isZero();
        assertThat(timers.advanceAndFire(processInstance, Duration.ofMinutes(2))).isEqualTo(1);
        JsonNode closed = mgr.get("/api/tickets/" + number).json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("resolution").asText()).contains("quiet period");
        assertThat(closed.get("currentTask")).isNull();
        assertThat(types(closed)).contains("HANDED_OVER", "FIRST_RESPONSE", "REOPENED", "CLOSED");
        assertThat(closed.get("conversation")).hasSize(6);
    }

    @Test
    void aReplyToATicketFirstLineResolvedReopensItInFirstLine() {
        String number = fl1.createTicket("How to change my signature?");
        fl1.action(number, "resolve", Map.of("reply", "Settings → Signature."));

        fl1.customerWrites(number, "There is no such menu");

        JsonNode reopened = fl1.get("/api/tickets/" + number).json();
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
        assertThat(reopened.get("group").asText()).isEqualTo("first-line");
        assertThat(reopened.at("/currentTask/step").asText()).isEqualTo("Task_Triage");
    }

    @Test
    void escalationGoesToTheGroupFixedInTheBpmn() {
        String number = fl1.createTicket("Strange 550 error");
        fl1.action(number, "hand-over", Map.of("group", "web"));
        ApiClient wb1 = new ApiClient(rest).as("wb1");

        Response escalated = wb1.action(number, "escalate", Map.of("reason", "needs server logs"));

        assertThat(escalated.status()).isEqualTo(200);
        assertThat(escalated.json().get("group").asText()).isEqualTo("solvers");
        assertThat(wb1.get("/api/tickets/" + number).status()).isEqualTo(403); // no longer Web's to read
        JsonNode ticket = sv1.get("/api/tickets/" + number).json();
        assertThat(ticket.get("group").asText()).isEqualTo("solvers");
        assertThat(ticket.at("/currentTask/step").asText()).isEqualTo("Task_Solve");
    }

    @Test
    void anAgentCorrectsImpactAndUrgencyWithAReason() {
        String number = fl1.createTicket("Minor error in document flow");
        assertThat(fl1.get("/api/tickets/" + number).json().get("priority").asText()).isEqualTo("P3");

        Response noReason = fl1.post("/api/tickets/" + number + "/priority", Map.of("impact", "HIGH", "urgency", "HIGH"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.errorFields()).containsExactly("reason");
        assertThat(pw1.post("/api/tickets/" + number + "/priority",
                Map.of("impact", "HIGH", "urgency", "HIGH", "reason", "x")).status()).isEqualTo(403);

        JsonNode changed = fl1.post("/api/tickets/" + number + "/priority",
                Map.of("impact", "HIGH", "urgency", "HIGH", "reason", "stops document flow for the whole company")).json();
        assertThat(changed.get("priority").asText()).isEqualTo("P1");
        assertThat(changed.get("impact").asText()).isEqualTo("HIGH");
        JsonNode last = changed.get("history").get(changed.get("history").size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("PRIORITY_CHANGED");
        assertThat(last.get("from").asText()).contains("P3");
        assertThat(last.get("to").asText()).contains("P1");
        assertThat(last.get("detail").asText()).contains("whole company").contains("priority-matrix v");
    }

    @Test
    void spamIsClosedAtTriage() {
        String number = fl1.createTicket("Buy cheap watches");

        JsonNode closed = fl1.action(number, "close-spam", Map.of()).json();

        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("resolution").asText()).isEqualTo("spam");
        assertThat(closed.get("closedAt").isNull()).isFalse();
    }

    @Test
    void aCustomerWritingToAClosedTicketOpensALinkedFollowUp() {
        String number = fl1.createTicket("Old problem");
        fl1.action(number, "close-spam", Map.of());

        Response r = fl1.customerWrites(number, "It is back!");

        assertThat(r.status()).isEqualTo(201);
        String followUp = r.json().get("number").asText();
        assertThat(followUp).isNotEqualTo(number);
        assertThat(r.json().get("followUpOf").asText()).isEqualTo(number);
        assertThat(r.json().get("status").asText()).isEqualTo("NEW");
        assertThat(types(mgr.get("/api/tickets/" + number).json())).contains("FOLLOW_UP_CREATED");
    }

    @Test
    void aFollowUpGoesToTheGroupThatAnsweredLastNotThroughFirstLineAgain() {
        String number = fl1.createTicket("Shared drive quota");
        fl1.action(number, "hand-over", Map.of("group", "web", "reason", "quota is theirs"));
        JsonNode resolved = new ApiClient(rest).as("wb1").action(number, "resolve", Map.of("reply", "Quota raised.")).json();
        timers.advanceAndFire(resolved.get("processInstanceId").asText(), Duration.ofDays(3).plusMinutes(1));
        assertThat(mgr.get("/api/tickets/" + number).json().get("status").asText()).isEqualTo("CLOSED");

        Response r = new ApiClient(rest).as("wb1").customerWrites(number, "Full again, a week later");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("followUpOf").asText()).isEqualTo(number);
        assertThat(r.json().get("group").asText()).isEqualTo("web");
        assertThat(r.json().at("/currentTask/step").asText()).isEqualTo("Task_Solve");
    }

    @Test
    void aFollowUpToATicketClosedAtTriageStartsAtFirstLine() {
        String number = fl1.createTicket("Strange question");
        fl1.action(number, "close-spam", Map.of());

        Response r = fl1.customerWrites(number, "It was not spam");

        assertThat(r.json().get("group").asText()).isEqualTo(mgr.get("/api/tickets/" + number).json().get("group").asText());
        assertThat(r.json().at("/currentTask/step").asText()).isEqualTo("Task_Triage");
        fl1.action(r.json().get("number").asText(), "close-spam", Map.of());
    }

    @Test
    void notesAndRepliesOutsideActionsAreThreadedIntoTheTicket() {
        String number = fl1.createTicket("Question");

        fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "INTERNAL_NOTE", "body", "Looks like a known issue"));
        JsonNode t = fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "PUBLIC_REPLY", "body", "Checking")).json();

        assertThat(t.get("conversation")).hasSize(3);
        assertThat(t.at("/conversation/1/kind").asText()).isEqualTo("INTERNAL_NOTE");
        assertThat(t.at("/conversation/2/kind").asText()).isEqualTo("PUBLIC_REPLY");
        assertThat(t.get("firstRespondedAt").isNull()).isFalse();
    }

    @Test
    void claimIsExclusiveAndUnclaimPutsItBack() {
        String number = fl1.createTicket("Claim me");

        assertThat(fl1.post("/api/tickets/" + number + "/claim", null).json().get("assignee").asText()).isEqualTo("fl1");
        assertThat(fl2.post("/api/tickets/" + number + "/claim", null).status()).isEqualTo(409);
        assertThat(fl2.action(number, "resolve", Map.of("reply", "done")).status()).isEqualTo(409);
        assertThat(workList(fl2)).doesNotContain(number);

        JsonNode unclaimed = fl1.post("/api/tickets/" + number + "/unclaim", null).json();
        assertThat(unclaimed.get("status").asText()).isEqualTo("OPEN");
        assertThat(unclaimed.get("assignee")).isNull();
        assertThat(workList(fl2)).contains(number);
    }

    @Test
    void theWorkListShowsOldestFirstAndOnlyTheAgentsGroups() {
        String older = fl1.createTicket("Older");
        String newer = fl1.createTicket("Newer");

        List<String> list = workList(fl1);

        assertThat(list.indexOf(older)).isLessThan(list.indexOf(newer));
        assertThat(workList(pw1)).doesNotContain(older, newer);
    }

    @Test
    void theListFiltersPagesAndScopesAgentsToTheirGroups() {
        String a = fl1.createTicket("Zebra printer jam");
        fl1.createTicket("Other thing");

        JsonNode found = mgr.get("/api/tickets?q=zebra PRINTER&size=10").json();
        assertThat(found.get("totalElements").asInt()).isEqualTo(1);
        assertThat(found.at("/content/0/number").asText()).isEqualTo(a);

        JsonNode page = mgr.get("/api/tickets?group=first-line&status=NEW&size=1&sort=createdAt,asc").json();
        assertThat(page.get("content")).hasSize(1);
        assertThat(page.get("totalElements").asInt()).isGreaterThanOrEqualTo(2);

        assertThat(pw1.get("/api/tickets?q=zebra").json().get("totalElements").asInt()).isZero();
        assertThat(fl1.get("/api/tickets?q=zebra").json().get("totalElements").asInt()).isEqualTo(1);
    }

    private static List<String> workList(ApiClient agent) {
        List<String> numbers = new ArrayList<>();
        agent.get("/api/work?size=500").json().forEach(item -> numbers.add(item.get("number").asText()));
        return numbers;
    }

    private static List<String> ids(JsonNode actions) {
        List<String> ids = new ArrayList<>();
        actions.forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    private static List<String> types(JsonNode ticket) {
        List<String> types = new ArrayList<>();
        ticket.get("history").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
