package org.linedesk.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Response templates through the API: editing rights, checks on save, and replies that use them. */
@IntegrationTest
class TemplateApiTest {

    @Autowired
    TestRestTemplate rest;

    ApiClient fl1, po;

    @BeforeEach
    void users() {
        fl1 = new ApiClient(rest).as("fl1");
        po = new ApiClient(rest).as("po");
    }

    Response put(String user, String path, Map<String, ?> body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth(user, "secret");
        var response = rest.exchange(path, HttpMethod.PUT,
                new HttpEntity<>(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body), headers), String.class);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody() == null ? "null" : response.getBody());
        return new Response(response.getStatusCode().value(), json, response.getHeaders());
    }

    @Test
    void agentsReadTemplatesOnlyManagersAndProcessOwnersEditThem() throws Exception {
        Response list = fl1.get("/api/templates");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("name")).contains("acknowledgement", "reply-signature", "password-reset");

        assertThat(put("fl1", "/api/templates/vpn/en", Map.of("title", "VPN", "body", "Hi")).status()).isEqualTo(403);
        Response saved = put("po", "/api/templates/vpn-reset/en", Map.of("title", "VPN reset",
                "body", "Dear {{customer.name}}, your VPN profile for {{ticket.number}} is renewed. {{agent.name}}"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("version").asLong()).isZero();

        Response stale = put("mgr", "/api/templates/vpn-reset/en", Map.of("title", "VPN reset", "body", "x", "version", 7));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorFields()).containsExactly("version");
    }

    @Test
    void aTemplateWithAnUnknownVariableOrBrokenSyntaxIsRefusedNamingTheField() throws Exception {
        Response unknown = put("po", "/api/templates/typo/en", Map.of("title", "Typo", "body", "Hello {{customer.nmae}}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("body");
        assertThat(unknown.json().path("errors").get(0).get("reason").asText()).contains("customer.nmae", "customer.name");

        Response broken = put("po", "/api/templates/typo/en", Map.of("title", "Typo", "subject", "{{#ticket}}",
                "body", "fine"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.errorFields()).containsExactly("subject");

        Response badName = put("po", "/api/templates/Bad Name/xx-long", Map.of("title", "", "body", ""));
        assertThat(badName.errorFields()).contains("name", "language", "title", "body");
        assertThat(fl1.get("/api/templates/typo").status()).isEqualTo(404);
    }

    @Test
    void aReplyUsesTheTemplateInTheCustomersLanguageAfterTheAgentsOwnWords() throws Exception {
        String number = fl1.createTicket("Cannot log in");
        Response reply = fl1.post("/api/tickets/" + number + "/articles",
                Map.of("kind", "PUBLIC_REPLY", "body", "Hello again.", "template", "password-reset"));
        assertThat(reply.status()).isEqualTo(201);
        JsonNode conversation = reply.json().get("conversation");
        String body = conversation.get(conversation.size() - 1).get("body").asText();
        assertThat(body).startsWith("Hello again.\n\nDear Ivan Petrov,").contains("Forgot password?");

        Response unknown = fl1.action(number, "resolve", Map.of("template", "no-such-template"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("template");

        Response resolved = fl1.action(number, "resolve", Map.of("template", "password-reset",
                "version", reply.json().get("version").asLong()));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void systemTemplatesCannotBeDeleted() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("po", "secret");
        var response = rest.exchange("/api/templates/acknowledgement/en", HttpMethod.DELETE, new HttpEntity<>(headers),
                String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(409);
    }
}
