package org.linedesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Every administrative and process-owner act is on the audit log — who, when, from where, what, how it
 * ended — whichever way it was asked for; the log cannot be changed; auditors read it in the console.
 */
@IntegrationTest
class AuditLogTest {

    static final String PROBE_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://linedesk.org/test">
              <process id="audit-probe" isExecutable="true" camunda:historyTimeToLive="P1D">
                <startEvent id="Start"/><sequenceFlow id="f" sourceRef="Start" targetRef="End"/><endEvent id="End"/>
              </process>
            </definitions>""";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    ApiClient as(String user) {
        return new ApiClient(rest).as(user);
    }

    Map<String, Object> last(String action) {
        return jdbc.sql("select actor, target, detail, client_address, result from audit_log where action = ? "
                + "order by id desc limit 1").param(action).query().singleRow();
    }

    @Test
    void reloadsOfDefinitionsAreRecordedWithWhoFromWhereAndWhatWasLoaded() {
        assertThat(as("po").post("/api/routing/reload", null).status()).isEqualTo(200);
        assertThat(as("po").post("/api/sla/definitions/reload", null).status()).isEqualTo(200);
        assertThat(as("adm").post("/api/macros/reload", null).status()).isEqualTo(200);

        Map<String, Object> routing = last("ROUTING_RELOADED");
        assertThat(routing).containsEntry("actor", "po").containsEntry("client_address", "127.0.0.1")
                .containsEntry("target", "processes/routing.yaml").containsEntry("result", "OK");
        assertThat((String) routing.get("detail")).startsWith("rules ").contains("passwords");
        assertThat((String) last("SLA_DEFINITIONS_RELOADED").get("detail")).startsWith("version ").contains("policies ").contains("standard");
        assertThat(last("MACROS_RELOADED")).containsEntry("actor", "adm");
    }

    @Test
    void templateChangesAreRecordedAndARefusedChangeToo() {
        Response saved = as("mgr").put("/api/templates/audit-probe/en", Map.of("title", "Probe", "body", "Hello"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(last("TEMPLATE_SAVED")).containsEntry("actor", "mgr").containsEntry("target", "template audit-probe/en")
                .containsEntry("detail", "project default, version " + saved.json().get("version").asLong()).containsEntry("result", "OK");

        Response broken = as("mgr").put("/api/templates/audit-probe/en", Map.of("title", "Probe",
                "body", "Hello {{customer.nmae}}", "version", saved.json().get("version").asLong()));
        assertThat(broken.status()).isEqualTo(400);
        assertThat((String) last("TEMPLATE_SAVED").get("result")).startsWith("FAILED: ");

        assertThat(as("mgr").delete("/api/templates/audit-probe/en").status()).isEqualTo(204);
        assertThat(last("TEMPLATE_DELETED")).containsEntry("actor", "mgr").containsEntry("result", "OK");
    }

    @Test
    void readingQuarantinedMailAndRetryingMailAreRecordedEvenWhenThereIsNothingToDo() {
        assertThat(as("adm").get("/api/mail/quarantine/999999/raw").status()).isEqualTo(404);
        assertThat(last("QUARANTINE_RAW_READ")).containsEntry("actor", "adm").containsEntry("target", "inbound mail 999999")
                .containsEntry("result", "FAILED: No raw message 999999");
        assertThat(as("adm").post("/api/mail/outbox/999999/retry", null).status()).isEqualTo(404);
        assertThat(last("OUTBOX_RETRIED")).containsEntry("target", "outbound mail 999999");
    }

    @Test
    void userGroupAndRoleChangesThroughTheEnginesApiAreRecorded() {
        Response created = as("adm").post("/engine-rest/user/create", Map.of(
                "profile", Map.of("id", "audit-newbie", "firstName", "New", "lastName", "Agent", "email", "n@example.com"),
                "credentials", Map.of("password", "a-long-password")));
        assertThat(created.status()).as(created.toString()).isEqualTo(204);
        Map<String, Object> user = last("USER_SAVED");
        assertThat(user).containsEntry("actor", "adm").containsEntry("target", "user audit-newbie")
                .containsEntry("client_address", "127.0.0.1").containsEntry("result", "OK");
        assertThat(String.valueOf(user.get("detail"))).doesNotContain("a-long-password");

        // a role is a membership of a role group
        assertThat(as("adm").put("/engine-rest/group/managers/members/audit-newbie", null).status()).isEqualTo(204);
        assertThat(last("MEMBERSHIP_ADDED")).containsEntry("target", "user audit-newbie in group managers");
        assertThat(as("adm").delete("/engine-rest/group/managers/members/audit-newbie").status()).isEqualTo(204);
        assertThat(last("MEMBERSHIP_REMOVED")).containsEntry("target", "user audit-newbie in group managers");
        assertThat(as("adm").delete("/engine-rest/user/audit-newbie").status()).isEqualTo(204);
        assertThat(last("USER_DELETED")).containsEntry("target", "user audit-newbie");
    }

    @Test
    void aDeploymentSaysWhatItDeployedAndItsRemovalIsRecordedToo() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("adm", TestFixtures.PASSWORD);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "audit-probe");
        parts.add("data", new ByteArrayResource(PROBE_BPMN.getBytes()) {
            @Override
            public String getFilename() {
                return "audit-probe.bpmn";
            }
        });
        var deployed = rest.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), Map.class);
        assertThat(deployed.getStatusCode().value()).isEqualTo(200);
        String id = (String) deployed.getBody().get("id");

        Map<String, Object> entry = last("DEPLOYED");
        assertThat(entry).containsEntry("actor", "adm").containsEntry("result", "OK");
        assertThat((String) entry.get("target")).contains("audit-probe").contains("audit-probe.bpmn");
        assertThat((String) entry.get("detail")).isEqualTo("deployment " + id + ": audit-probe v1");

        assertThat(as("adm").delete("/engine-rest/deployment/" + id + "?cascade=true").status()).isEqualTo(204);
        assertThat(last("DEPLOYMENT_DELETED")).containsEntry("target", "deployment " + id);
    }

    @Test
    void theLogCannotBeChangedDeletedOrEmptied() {
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'nobody'").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate ticket_event cascade").update()).hasMessageContaining("append-only");
    }

    @Test
    void auditorsReadTheLogInTheConsoleOthersMayNot() {
        as("po").post("/api/routing/reload", null);

        Response page = as("aud").get("/audit?action=ROUTING_RELOADED");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().asText()).contains("ROUTING_RELOADED").contains("processes/routing.yaml")
                .contains("127.0.0.1").doesNotContain("LOGIN_FAILED</td>");
        for (String user : List.of("fl1", "mgr", "po")) {
            assertThat(as(user).get("/audit").status()).as(user).isEqualTo(403);
        }
    }
}
