package org.linedesk.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;

/**
 * A project may run a version of the incident process of its own (the engine's tenant id): its new
 * tickets start on it, every other project keeps the shared one, and only its people deploy it.
 */
@IntegrationTest
class ProjectProcessTest {

    static final String SHARED_LABEL = "label=Answer and resolve";
    static final String GAMES_LABEL = "label=Answer the player and resolve";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    ApiClient po, adm, gleb, fl1;

    @BeforeEach
    void users() {
        ApiClient api = new ApiClient(rest);
        po = api.as("po");
        adm = api.as("adm");
        gleb = api.as("gleb");
        fl1 = api.as("fl1");
        mailDesk = new org.linedesk.support.OpenedTickets(fl1);
    }

    /** Tickets of the default desk this test opens; closed afterwards (see OpenedTickets). */
    org.linedesk.support.OpenedTickets mailDesk;

    @org.junit.jupiter.api.AfterEach
    void closeTheMailTickets() {
        mailDesk.closeAll();
    }

    /** Games' own version becomes the shipped flow again: other tests expect the shared labels on games tickets. */
    @AfterEach
    void gamesBackOnTheShippedFlow() {
        adm.post("/api/processes/deployments?fileName=incident.bpmn&project=games", shipped());
    }

    static String shipped() {
        try (InputStream in = new ClassPathResource("processes/incident.bpmn").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theGamesDeskRunsItsOwnVersionAndEveryOtherDeskTheSharedOne() {
        String before = gleb.createTicket("Started before games had its own flow");
        String model = shipped().replace(SHARED_LABEL, GAMES_LABEL);

        // a process owner of the default project only does not know the games project
        Response foreign = po.post("/api/processes/deployments?fileName=incident.bpmn&project=games", model);
        assertThat(foreign.status()).isEqualTo(404);
        Response deployed = adm.post("/api/processes/deployments?fileName=incident.bpmn&project=games", model);
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        assertThat(deployed.headers().getLocation().toString()).endsWith("/xml?project=games");
        int gamesVersion = deployed.json().path("version").asInt();
        // deploying the same model again for games makes no version
        assertThat(adm.post("/api/processes/deployments?fileName=incident.bpmn&project=games", model).status())
                .isEqualTo(200);

        String games = gleb.createTicket("Started on the games flow");
        String mail = mailDesk.open("Started on the shared flow");
        assertThat(labels(gleb.get("/api/tickets/" + games).json())).contains("Answer the player and resolve");
        assertThat(labels(fl1.get("/api/tickets/" + mail).json())).contains("Answer and resolve")
                .doesNotContain("Answer the player and resolve");
        // a ticket that was running stays on its version
        assertThat(labels(gleb.get("/api/tickets/" + before).json())).contains("Answer and resolve");
        JsonNode path = gleb.get("/api/tickets/" + games + "/process").json();
        assertThat(path.path("version").asInt()).isEqualTo(gamesVersion);

        // the games version is listed for those who see games, not for the default project's process owner
        assertThat(projectsListed(adm.get("/api/processes").json())).contains("games");
        assertThat(projectsListed(po.get("/api/processes").json())).doesNotContain("games");
        assertThat(adm.get("/api/processes/incident/versions/" + gamesVersion + "/xml?project=games").status())
                .isEqualTo(200);
        assertThat(po.get("/api/processes/incident/versions/" + gamesVersion + "/xml?project=games").status())
                .isEqualTo(404);

        // the games ticket goes on to resolve on its flow
        assertThat(gleb.action(games, "resolve", Map.of("reply", "Here is your sword.")).json().path("status").asText())
                .isEqualTo("RESOLVED");
    }

    @Test
    void aProjectMovesItsOwnTicketsOntoItsNextOwnVersionAndNoOtherProjectsTickets() {
        Response first = adm.post("/api/processes/deployments?fileName=incident.bpmn&project=games",
                shipped().replace(SHARED_LABEL, "label=Answer (games, first) and resolve"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        int from = first.json().path("version").asInt();
        String games = gleb.createTicket("Runs on games' first own version");
        String mail = mailDesk.open("Runs on the shared version");
        int to = adm.post("/api/processes/deployments?fileName=incident.bpmn&project=games",
                shipped().replace(SHARED_LABEL, GAMES_LABEL)).json().path("version").asInt();

        Response preview = adm.get("/api/processes/incident/migrations/preview?from=" + from + "&to=" + to + "&project=games");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("tickets").asLong()).isGreaterThanOrEqualTo(1);
        // a process owner of the default project only cannot move games' tickets
        assertThat(po.get("/api/processes/incident/migrations/preview?from=" + from + "&to=" + to + "&project=games")
                .status()).isEqualTo(404);

        Response moved = adm.post("/api/processes/incident/migrations", Map.of("from", from, "to", to, "project", "games",
                "tickets", List.of(games)));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("migrated").asInt()).isEqualTo(1);
        assertThat(labels(gleb.get("/api/tickets/" + games).json())).contains("Answer the player and resolve");

        // from the shared version onto games' own: only games' tickets may move, never the default desk's
        int shared = fl1.get("/api/tickets/" + mail + "/process").json().path("version").asInt();
        Response refused = adm.post("/api/processes/incident/migrations", Map.of("from", shared, "to", to,
                "project", "games", "fromShared", true, "tickets", List.of(mail)));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.json().path("migrated").asInt()).isZero();
        assertThat(refused.json().path("skipped").toString()).contains("is not a ticket of project 'games'");
        assertThat(labels(fl1.get("/api/tickets/" + mail).json())).contains("Answer and resolve");
    }

    @Test
    void aProjectsTicketsCarryItsKeyAsTheEnginesTenantId() {
        String games = gleb.createTicket("Tenant of a games ticket");
        String mail = mailDesk.open("Tenant of a mail ticket");

        assertThat(tenantOf(gleb.get("/api/tickets/" + games).json())).isEqualTo("games");
        assertThat(tenantOf(fl1.get("/api/tickets/" + mail).json())).isNull();
    }

    private String tenantOf(JsonNode ticket) {
        return runtime.createProcessInstanceQuery().processInstanceId(ticket.path("processInstanceId").asText())
                .singleResult().getTenantId();
    }

    @Test
    void theSharedPriorityMatrixCannotBecomeAProjectsOwn() throws IOException {
        String matrix;
        try (InputStream in = new ClassPathResource("sla-definitions/priority-matrix.dmn").getInputStream()) {
            matrix = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Response refused = adm.post("/api/processes/deployments?fileName=priority-matrix.dmn&project=games", matrix);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.toString()).contains("shared by every project");
    }

    private static List<String> labels(JsonNode ticket) {
        return ticket.path("currentTask").path("actions").findValuesAsText("label");
    }

    private static List<String> projectsListed(JsonNode processes) {
        List<String> projects = new ArrayList<>();
        processes.forEach(p -> {
            if (!p.path("project").isMissingNode() && !p.path("project").isNull()) {
                projects.add(p.path("project").asText());
            }
        });
        return projects;
    }
}
