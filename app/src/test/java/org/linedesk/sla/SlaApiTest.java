package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The SLA through HTTP: clocks on the ticket, the manager's watch list, reloading definitions. */
@IntegrationTest
class SlaApiTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void theTicketShowsItsClocksWithDueTimeTimeLeftAndPercentUsed() {
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        String number = fl1.createTicket("Clocks please");

        JsonNode sla = fl1.get("/api/tickets/" + number).json().get("sla");

        assertThat(sla).hasSize(2);
        assertThat(sla.get(0).get("metric").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(sla.get(0).get("state").asText()).isIn("RUNNING", "BREACHED");
        assertThat(sla.get(0).get("dueAt").asText()).isNotBlank();
        assertThat(sla.get(0).get("businessTimeLeft").asText()).startsWith("P");
        assertThat(sla.get(0).has("percentUsed")).isTrue();
        assertThat(sla.get(1).get("metric").asText()).isEqualTo("RESOLUTION");
    }

    @Test
    void managersSeeClocksAtRiskSoonestFirstAgentsDoNot() {
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        String number = fl1.createTicket("At risk soon");

        Response list = new ApiClient(rest).as("mgr").get("/api/sla/at-risk?within=P30D&group=first-line&limit=2000");

        assertThat(list.status()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        list.json().forEach(c -> {
            numbers.add(c.get("number").asText());
            dues.add(c.path("breachedAt").isMissingNode() ? c.get("dueAt").asText() : c.get("breachedAt").asText());
        });
        assertThat(numbers).contains(number);
        assertThat(fl1.get("/api/sla/at-risk").status()).isEqualTo(403);
        Response bad = new ApiClient(rest).as("mgr").get("/api/sla/at-risk?within=soon");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactly("within");
    }

    @Test
    void processOwnersReloadTheDefinitions() {
        Response reloaded = new ApiClient(rest).as("po").post("/api/sla/definitions/reload", null);

        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.json().get("policies").toString()).contains("standard");
        assertThat(new ApiClient(rest).as("fl1").post("/api/sla/definitions/reload", null).status()).isEqualTo(403);
    }
}
