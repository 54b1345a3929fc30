package org.linedesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** Authentication on everything but health; group-scoped permissions on tickets. */
@IntegrationTest
class SecurityApiTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void theApiNeedsAuthenticationAndSaysSoAsAProblem() {
        Response r = new ApiClient(rest).get("/api/tickets");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedButOneMistakeDoesNotStopTheRightPassword() {
        var wrong = rest.withBasicAuth("lk1", "wrong").getForEntity("/api/tickets", String.class);
        var right = rest.withBasicAuth("lk1", TestFixtures.PASSWORD).getForEntity("/api/tickets", String.class);

        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void healthIsOpenEverythingElseIsNot() {
        ApiClient anonymous = new ApiClient(rest);
        // open, whatever it says (503 while the test's mail server is not running)
        assertThat(anonymous.get("/actuator/health").status()).isIn(200, 503);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(401);
        assertThat(anonymous.get("/camunda/app/cockpit/default/").status()).isEqualTo(401);
        assertThat(new ApiClient(rest).as("fl1").get("/camunda/app/cockpit/default/").status()).isEqualTo(403);
    }

    @Test
    void theCamundaWebappsTrustOurLogin() {
        ApiClient admin = new ApiClient(rest).as("adm");

        assertThat(admin.get("/camunda/app/cockpit/default/").status()).isEqualTo(200);
        // Cockpit's own API answers only when the webapp accepted the user Spring Security authenticated.
        Response count = admin.get("/camunda/api/engine/engine/default/process-definition/count");
        assertThat(count.status()).isEqualTo(200);
        assertThat(count.json().get("count").asInt()).isPositive();
        assertThat(new ApiClient(rest).as("po").get("/camunda/api/engine/engine/default/process-definition/count")
                .status()).isEqualTo(200);
    }

    @Test
    void theEnginesOwnRestApiIsForAdminsOnly() {
        assertThat(new ApiClient(rest).get("/engine-rest/engine").status()).isEqualTo(401);
        assertThat(new ApiClient(rest).as("fl1").get("/engine-rest/engine").status()).isEqualTo(403);
        assertThat(new ApiClient(rest).as("adm").get("/engine-rest/engine").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDescriptionIsServedToLoggedInUsers() {
        Response r = new ApiClient(rest).as("fl1").get("/v3/api-docs");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/paths").has("/api/tickets")).isTrue();
    }

    @Test
    void agentsActOnlyOnTicketsOfTheirGroups() {
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        ApiClient pw1 = new ApiClient(rest).as("pw1");
        String number = fl1.createTicket("First line's ticket");

        assertThat(pw1.get("/api/tickets/" + number).status()).isEqualTo(403);
        assertThat(pw1.action(number, "resolve", Map.of("reply", "mine now")).status()).isEqualTo(403);
        assertThat(pw1.post("/api/tickets/" + number + "/claim", null).status()).isEqualTo(403);
        assertThat(pw1.post("/api/tickets/" + number + "/articles", Map.of("kind", "PUBLIC_REPLY", "body", "hi")).status())
                .isEqualTo(403);
        assertThat(fl1.get("/api/tickets/" + number).json().get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void managersAndAuditorsReadEveryTicketButDoNotWorkThem() {
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        String number = fl1.createTicket("Visible to managers");

        assertThat(new ApiClient(rest).as("mgr").get("/api/tickets/" + number).status()).isEqualTo(200);
        assertThat(new ApiClient(rest).as("aud").get("/api/tickets/" + number).status()).isEqualTo(200);
        assertThat(new ApiClient(rest).as("mgr").action(number, "close-spam", Map.of()).status()).isEqualTo(403);
        assertThat(new ApiClient(rest).as("aud").post("/api/tickets", Map.of("subject", "x", "description", "y",
                "requester", Map.of("email", "a@example.com"))).status()).isEqualTo(403);
    }
}
