package org.linedesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.linedesk.support.ApiClient;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.MailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The load balancer's view: liveness stays UP whatever the mail server does; readiness goes DOWN (503)
 * while the configured SMTP server does not answer, with the reason for those allowed to see details.
 */
@IntegrationTest
class HealthProbesTest {

    @RegisterExtension
    static GreenMailExtension greenMail = MailServer.extension();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    SmtpHealth smtp;

    @BeforeEach
    void freshAnswer() {
        smtp.forget();
    }

    @Test
    void withTheMailServerUpTheNodeIsLiveAndReady() {
        ApiClient anonymous = new ApiClient(rest);

        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        ApiClient.Response ready = anonymous.get("/actuator/health/readiness");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(ready.json().has("components")).as("no details for anonymous callers").isFalse();
        JsonNode components = new ApiClient(rest).as("adm").get("/actuator/health/readiness").json().path("components");
        assertThat(components.fieldNames()).toIterable().contains("db", "smtp", "mailboxes", "readinessState");
        assertThat(components.path("smtp").path("details").path("server").asText()).isEqualTo("127.0.0.1:39025");
    }

    @Test
    void withTheMailServerDownTheNodeIsLiveButNotReadyAndSaysWhy() {
        greenMail.stop();

        ApiClient anonymous = new ApiClient(rest);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").json().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(503);
        JsonNode smtpHealth = new ApiClient(rest).as("adm").get("/actuator/health/readiness").json()
                .path("components").path("smtp");
        assertThat(smtpHealth.get("status").asText()).isEqualTo("DOWN");
        assertThat(smtpHealth.path("details").path("reason").asText()).contains("Connection refused");
    }
}
