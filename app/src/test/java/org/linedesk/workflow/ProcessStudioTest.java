package org.linedesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linedesk.audit.AuditEntry;
import org.linedesk.audit.AuditLog;
import org.linedesk.support.ApiClient;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The process studio's API: validate, deploy without restart, compare, migrate running tickets — each
 * bad input with element and reason and nothing deployed; a migrated ticket goes on to the end on the
 * new version with its SLA clock timer untouched. Every test leaves the shipped model newest.
 */
@IntegrationTest
class ProcessStudioTest {

    static final String TRIAGE_HAND_OVER = ">${action == 'hand-over'}<";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ProcessStudio studio;
    @Autowired
    ProcessModelCheck check;
    @Autowired
    org.linedesk.project.ProjectDirectory projects;
    @Autowired
    AuditLog audit;
    @Autowired
    EngineTimers timers;

    final ObjectMapper json = new ObjectMapper();
    ApiClient po;
    ApiClient fl1;
    ApiClient web;

    @org.junit.jupiter.api.BeforeEach
    void clients() {
        po = new ApiClient(rest).as("po");
        fl1 = new ApiClient(rest).as("fl1");
        web = new ApiClient(rest).as("wb1");
    }

    /** Other tests start tickets on the newest version: the shipped model is newest again after each test. */
    @AfterEach
    void restoreTheShippedModel() {
        studio.deploy("incident.bpmn", shipped().getBytes(StandardCharsets.UTF_8), "test");
    }

    static JsonNode withoutTimeLeft(JsonNode clocks) {
        JsonNode copy = clocks.deepCopy();
        copy.forEach(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove(List.of("businessTimeLeft", "percentUsed")));
        return copy;
    }

    static String shipped() {
        try (InputStream in = new ClassPathResource("processes/incident.bpmn").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped model with one more triage action, "to-abuse", leaving by the hand-over flow. */
    static String withForwardToAbuse() {
        return shipped()
                .replace("<camunda:property name=\"action:close-spam\"",
                        "<camunda:property name=\"action:to-abuse\" value=\"label=Forward to Abuse; group=abuse; accepts=reason\"/>\n"
                                + "          <camunda:property name=\"action:close-spam\"")
                .replace(TRIAGE_HAND_OVER, ">${action == 'hand-over' || action == 'to-abuse'}<");
    }

    int latestVersion() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("incident").withoutTenantId().latestVersion()
                .singleResult().getVersion();
    }

    ResponseEntity<String> upload(String user, String path, String fileName, String model) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(model.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBasicAuth(user, TestFixtures.PASSWORD);
        return rest.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    JsonNode body(ResponseEntity<String> response) throws IOException {
        return json.readTree(response.getBody());
    }

    /** The 422 answer of validate and of deploy for the same model, and that nothing was deployed. */
    JsonNode refused(String fileName, String model) throws IOException {
        int before = latestVersion();
        ApiClient.Response validated = po.post("/api/processes/validate?fileName=" + fileName, model);
        assertThat(validated.status()).as(validated.toString()).isEqualTo(422);
        assertThat(validated.json().path("problems").size()).isPositive();
        ResponseEntity<String> deployed = upload("po", "/api/processes/deployments", fileName, model);
        assertThat(deployed.getStatusCode().value()).isEqualTo(422);
        assertThat(deployed.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(latestVersion()).isEqualTo(before);
        return validated.json().path("problems");
    }

    static List<String> texts(JsonNode problems) {
        List<String> all = new ArrayList<>();
        problems.forEach(p -> all.add(p.path("element").asText() + ": " + p.path("reason").asText()));
        return all;
    }

    @Test
    void theShippedModelsAreValid() {
        ApiClient.Response bpmn = po.post("/api/processes/validate?fileName=incident.bpmn", shipped());
        assertThat(bpmn.status()).as(bpmn.toString()).isEqualTo(200);
        assertThat(bpmn.json().path("problems").size()).isZero();
        assertThat(bpmn.json().path("key").asText()).isEqualTo("incident");
    }

    @Test
    void badModelsAreRefusedNamingElementAndReasonAndNothingIsDeployed() throws IOException {
        assertThat(texts(refused("incident.bpmn", "this is not xml"))).anyMatch(t -> t.contains("not well-formed XML"));
        assertThat(texts(refused("incident.bpmn", "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>")))
                .anyMatch(t -> t.contains("neither BPMN 2.0 nor DMN"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("</bpmn:definitions>",
                "<!--" + " ".repeat(ProcessModelCheck.MAX_BYTES) + "--></bpmn:definitions>"))))
                .anyMatch(t -> t.contains("at most 2097152"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("name=\"Triage\" camunda:candidateGroups=\"${group}\"",
                "name=\"Triage\" camunda:candidateGroups=\"nobody\"")))).anyMatch(t -> t.startsWith("Task_Triage: ") && t.contains("'nobody'"));
        assertThat(texts(refused("incident.bpmn", withForwardToAbuse().replace("group=abuse", "group=no-such-group"))))
                .anyMatch(t -> t.startsWith("Task_Triage: ") && t.contains("no-such-group"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("${tickets.resolve(execution)}", "${tickets.explode(execution)}"))))
                .anyMatch(t -> t.startsWith("Activity_Resolve: ") && t.contains("tickets.explode"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("${tickets.resolve(execution)}",
                "${runtime.getClass().forName('java.lang.Runtime')}"))))
                .anyMatch(t -> t.startsWith("Activity_Resolve: ") && t.contains("'runtime.getClass'"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("Gateway_Route", "Gateway_Queue"))))
                .anyMatch(t -> t.startsWith("Gateway_Route: ") && t.contains("must exist"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("${incidentSettings.quietPeriodIso}", "P3X"))))
                .anyMatch(t -> t.startsWith("Timer_QuietPeriod: ") && t.contains("'P3X' does not parse"));
        assertThat(texts(refused("incident.bpmn", shipped().replace(TRIAGE_HAND_OVER, ">${action == 'handover'}<"))))
                .anyMatch(t -> t.startsWith("Task_Triage: ") && t.contains("'action:hand-over'"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("${sla.handOverOnBreach(execution, 'RESOLUTION')}",
                "${sla.handOverOnBreach(execution, 'RESOLUTON')}"))))
                .anyMatch(t -> t.startsWith("Activity_HandOverOnBreach: ") && t.contains("'RESOLUTON' is not an SLA metric"));
        assertThat(texts(refused("incident.bpmn", shipped().replace("name=\"CustomerReplied\"", "name=\"CustomerWrote\""))))
                .anyMatch(t -> t.contains("CustomerReplied"));
        assertThat(texts(refused("support.bpmn", shipped())))
                .anyMatch(t -> t.contains("'support' expected"));
        // the engine's own parse: an expression that does not parse
        assertThat(texts(refused("incident.bpmn", shipped().replace("${tickets.resolve(execution)}", "${tickets.resolve(execution}"))))
                .anyMatch(t -> t.startsWith("Activity_Resolve"));
    }

    @Test
    void theDecisionTableMustGiveOneKnownPriorityForEveryCase() throws IOException {
        String matrix = new String(new ClassPathResource("sla-definitions/priority-matrix.dmn").getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(po.post("/api/processes/validate?fileName=priority-matrix.dmn", matrix).status()).isEqualTo(200);
        long decisionsBefore = repository.createDecisionDefinitionQuery().count();
        assertThat(texts(refused("priority-matrix.dmn", matrix.replaceFirst("\"P1\"", "\"P9\""))))
                .anyMatch(t -> t.startsWith("priority: ") && t.contains("must be one of"));
        assertThat(texts(refused("priority-matrix.dmn", matrix.replace("impact", "impakt"))))
                .anyMatch(t -> t.startsWith("priority: "));
        assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(decisionsBefore);
        // unchanged: no new version
        ResponseEntity<String> same = upload("po", "/api/processes/deployments", "priority-matrix.dmn", matrix);
        assertThat(same.getStatusCode().value()).isEqualTo(200);
        assertThat(body(same).path("created").asBoolean()).isFalse();
    }

    @Test
    void aDeploymentIsANewVersionAtOnceAuditedWithWhatChangedAndARestartKeepsIt() throws IOException {
        int before = latestVersion();
        ResponseEntity<String> unchanged = upload("po", "/api/processes/deployments", "incident.bpmn", shipped());
        assertThat(unchanged.getStatusCode().value()).isEqualTo(200);
        assertThat(body(unchanged).path("version").asInt()).isEqualTo(before);
        assertThat(latestVersion()).isEqualTo(before);

        ResponseEntity<String> deployed = upload("po", "/api/processes/deployments", "incident.bpmn", withForwardToAbuse());
        assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(201);
        JsonNode result = body(deployed);
        assertThat(result.path("version").asInt()).isEqualTo(before + 1);
        assertThat(result.path("changes").asText()).contains("Task_Triage", "Flow_TriageHandOver");
        assertThat(latestVersion()).isEqualTo(before + 1);

        // a new ticket offers the new action at once
        String number = fl1.createTicket("Spam from our own server");
        JsonNode actions = fl1.get("/api/tickets/" + number).json().at("/currentTask/actions");
        List<String> ids = new ArrayList<>();
        actions.forEach(a -> ids.add(a.path("id").asText()));
        assertThat(ids).contains("to-abuse");
        assertThat(fl1.action(number, "to-abuse", Map.of("reason", "abuse case")).status()).isEqualTo(200);
        assertThat(fl1.get("/api/tickets/" + number).status()).isEqualTo(403); // now in Abuse's queue
        assertThat(new ApiClient(rest).as("adm").get("/api/tickets/" + number).json().path("group").asText()).isEqualTo("abuse");

        List<AuditEntry> entries = audit.search(java.time.Instant.EPOCH, java.time.Instant.now().plus(Duration.ofDays(3650)), "po", "MODEL_DEPLOYED", 5);
        assertThat(entries).anyMatch(e -> e.target().equals("incident v" + (before + 1)) && e.detail().contains("Task_Triage"));

        // the start-up deployment of the folder does not undo it
        new ProcessDeployer(repository, check, Path.of("..", "processes"), Path.of("..", "sla-definitions"), projects)
                .afterPropertiesSet();
        assertThat(latestVersion()).isEqualTo(before + 1);

        // compare
        ApiClient.Response diff = po.get("/api/processes/incident/compare?from=" + before + "&to=" + (before + 1));
        assertThat(diff.status()).isEqualTo(200);
        List<String> changed = new ArrayList<>();
        diff.json().path("changed").forEach(c -> changed.add(c.path("id").asText()));
        assertThat(changed).contains("Task_Triage", "Flow_TriageHandOver");
        assertThat(diff.json().path("added").size()).isZero();
        assertThat(diff.json().path("removed").size()).isZero();
        assertThat(po.get("/api/processes/incident/compare?from=" + before + "&to=999").status()).isEqualTo(404);

        // listing, model, counts
        ApiClient.Response list = po.get("/api/processes");
        assertThat(list.json().toString()).contains("\"key\":\"incident\"", "\"deployedBy\":\"po\"");
        assertThat(po.get("/api/processes/incident/versions/" + (before + 1) + "/xml").json().asText()).contains("to-abuse");
        assertThat(po.get("/api/processes/incident/versions/" + before + "/activity-counts").status()).isEqualTo(200);
    }

    @Test
    void onlyProcessOwnersAndAdminsDeploy() {
        for (String user : List.of("fl1", "mgr", "aud")) {
            assertThat(upload(user, "/api/processes/deployments", "incident.bpmn", withForwardToAbuse()).getStatusCode().value())
                    .as(user).isEqualTo(403);
            assertThat(new ApiClient(rest).as(user).post("/api/processes/incident/migrations", Map.of("from", 1, "to", 2)).status())
                    .as(user).isEqualTo(403);
        }
        assertThat(upload("adm", "/api/processes/deployments", "incident.bpmn", withForwardToAbuse()).getStatusCode().value())
                .isEqualTo(201);
    }

    @Test
    void twoOwnersDeployingAtOnceBothGetAVersionInOrder() throws Exception {
        int before = latestVersion();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<ResponseEntity<String>>> both = List.of(
                    () -> upload("po", "/api/processes/deployments", "incident.bpmn", withForwardToAbuse()),
                    () -> upload("adm", "/api/processes/deployments", "incident.bpmn",
                            shipped().replace("First line answers typical questions", "First line answers the usual questions")));
            List<Integer> versions = new ArrayList<>();
            for (Future<ResponseEntity<String>> f : pool.invokeAll(both)) {
                assertThat(f.get().getStatusCode().value()).as(f.get().getBody()).isEqualTo(201);
                versions.add(body(f.get()).path("version").asInt());
            }
            assertThat(versions).containsExactlyInAnyOrder(before + 1, before + 2);
        } finally {
            pool.shutdown();
        }
    }

    /** The shipped model with Task_Solve renamed: tickets waiting there cannot move. */
    static String withSolveRenamed() {
        return shipped().replace("\"Task_Solve\"", "\"Task_Work\"").replace(">Task_Solve<", ">Task_Work<")
                .replace("\"Task_Solve_di\"", "\"Task_Work_di\"");
    }

    @Test
    void aMigrationMovesWhatMapsKeepsWhatCannotAndTheMigratedTicketGoesOnToTheEndWithItsSlaClock() throws IOException {
        int from = latestVersion();
        String triaged = fl1.createTicket("Printer offline");
        String solving = web.post("/api/tickets", Map.of("subject", "Webmail slow", "description", "since the update",
                "requester", Map.of("name", "Olga", "email", "olga@example.com"), "group", "web")).json().path("number").asText();
        String chosenLater = fl1.createTicket("VPN drops");
        String instance = fl1.get("/api/tickets/" + triaged).json().path("processInstanceId").asText();
        Job timerBefore = slaTimer(instance);
        JsonNode clocksBefore = fl1.get("/api/tickets/" + triaged).json().path("sla");

        ResponseEntity<String> deployed = upload("po", "/api/processes/deployments", "incident.bpmn", withSolveRenamed());
        assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(201);
        int to = body(deployed).path("version").asInt();

        ApiClient.Response preview = po.get("/api/processes/incident/migrations/preview?from=" + from + "&to=" + to);
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode solve = activity(preview.json(), "Task_Solve");
        assertThat(solve.path("maps").asBoolean()).isFalse();
        assertThat(solve.path("reason").asText()).contains("does not exist in version " + to);
        assertThat(solve.path("staying").toString()).contains(solving);
        assertThat(activity(preview.json(), "Task_Triage").path("maps").asBoolean()).isTrue();

        // a chosen subset first: one ticket, and a number that names nothing
        ApiClient.Response subset = po.post("/api/processes/incident/migrations",
                Map.of("from", from, "to", to, "tickets", List.of(chosenLater, "INC-9999999")));
        assertThat(subset.status()).as(subset.toString()).isEqualTo(200);
        assertThat(subset.json().path("migrated").asInt()).isEqualTo(1);
        assertThat(subset.json().path("skipped").toString()).contains("INC-9999999", "no such ticket");
        assertThat(definitionOf(chosenLater).getVersion()).isEqualTo(to);

        // then all the rest
        ApiClient.Response all = po.post("/api/processes/incident/migrations", Map.of("from", from, "to", to));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("skipped").toString()).contains(solving, "does not exist in version " + to);
        assertThat(definitionOf(triaged).getVersion()).isEqualTo(to);
        assertThat(definitionOf(solving).getVersion()).isEqualTo(from);
        assertThat(audit.search(java.time.Instant.EPOCH, java.time.Instant.now().plus(Duration.ofDays(3650)), "po", "TICKETS_MIGRATED", 5)).isNotEmpty();

        // SLA clock timer and clocks untouched; group kept
        Job timerAfter = slaTimer(instance);
        assertThat(timerAfter.getId()).isEqualTo(timerBefore.getId());
        assertThat(timerAfter.getDuedate()).isEqualTo(timerBefore.getDuedate());
        JsonNode ticket = fl1.get("/api/tickets/" + triaged).json();
        // the same clocks (what is left of them is read at another instant)
        assertThat(withoutTimeLeft(ticket.path("sla"))).isEqualTo(withoutTimeLeft(clocksBefore));
        assertThat(ticket.path("group").asText()).isEqualTo("first-line");
        assertThat(runtime.getVariable(instance, "group")).isEqualTo("first-line");

        // the migrated ticket resolves and closes on the new version
        assertThat(fl1.action(triaged, "resolve", Map.of("reply", "Printer queue restarted.")).json().path("status").asText())
                .isEqualTo("RESOLVED");
        assertThat(timers.advanceAndFire(instance, Duration.ofDays(3).plusMinutes(1))).isPositive();
        assertThat(fl1.get("/api/tickets/" + triaged).json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(repository.getProcessDefinition(history.createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult().getProcessDefinitionId()).getVersion()).isEqualTo(to);
        assertThat(management.createJobQuery().processInstanceId(instance).count()).isZero();

        // the ticket page's path: version and where it went
        ApiClient.Response path = fl1.get("/api/tickets/" + triaged + "/process");
        assertThat(path.json().path("version").asInt()).isEqualTo(to);
        assertThat(path.json().path("visited").toString()).contains("Task_Triage", "Activity_Resolve", "Activity_Close");
        assertThat(path.json().path("visitedFlows").toString()).contains("Flow_RouteToTriage", "Flow_TriageResolve", "Flow_ToQuiet")
                .doesNotContain("Flow_RouteToSolve", "Flow_SolveResolve", "Flow_ToReply");
    }

    @Test
    void manyTicketsMigrateAsAnEngineBatch() throws Exception {
        int from = latestVersion();
        List<String> numbers = new ArrayList<>();
        ApiClient admin = new ApiClient(rest).as("adm");
        for (int i = 0; i <= ProcessMigrations.SYNC_LIMIT; i++) {
            // in Abuse's queue, where no other test counts tickets (first line's work list shows 100)
            ApiClient.Response created = admin.post("/api/tickets", Map.of("subject", "Batch " + i, "description", "batch",
                    "requester", Map.of("email", "batch@example.com"), "group", "abuse"));
            assertThat(created.status()).isEqualTo(201);
            numbers.add(created.json().path("number").asText());
        }
        ResponseEntity<String> deployed = upload("po", "/api/processes/deployments", "incident.bpmn", withForwardToAbuse());
        int to = body(deployed).path("version").asInt();

        ApiClient.Response started = po.post("/api/processes/incident/migrations", Map.of("from", from, "to", to));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.json().path("id").asLong();
        assertThat(started.json().path("state").asText()).isEqualTo("running");
        assertThat(po.get("/api/processes/incident/migrations/" + id).json().path("state").asText()).isEqualTo("running");

        // the job executor is off in tests: run the batch's jobs as it would
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = management.createJobQuery().executable().list().stream()
                    .filter(j -> j.getProcessInstanceId() == null && j.getJobDefinitionId() != null).toList();
            if (jobs.isEmpty()) {
                break;
            }
            jobs.forEach(j -> management.executeJob(j.getId()));
        }
        ApiClient.Response done = po.get("/api/processes/incident/migrations/" + id);
        assertThat(done.json().path("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.json().path("migrated").asInt()).isGreaterThanOrEqualTo(numbers.size());
        assertThat(done.json().path("pending").asInt()).isZero();
        for (String number : numbers) {
            assertThat(definitionOf(number).getVersion()).isEqualTo(to);
        }
    }

    JsonNode activity(JsonNode preview, String id) {
        for (JsonNode a : preview.path("activities")) {
            if (a.path("activity").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no activity " + id + " in " + preview);
    }

    ProcessDefinition definitionOf(String number) {
        String instance = new ApiClient(rest).as("adm").get("/api/tickets/" + number).json().path("processInstanceId").asText();
        return repository.getProcessDefinition(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getProcessDefinitionId());
    }

    Job slaTimer(String instance) {
        return management.createJobQuery().processInstanceId(instance).list().stream()
                .filter(j -> j.getJobDefinitionId() == null).findFirst()
                .orElseThrow(() -> new AssertionError("no SLA timer on " + instance));
    }
}
