package org.linedesk.support;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls the API over real HTTP as a given user and reads JSON back. */
public class ApiClient {

    private final TestRestTemplate rest;
    private final ObjectMapper json = new ObjectMapper();
    private final String user;

    public ApiClient(TestRestTemplate rest) {
        this(rest, null);
    }

    private ApiClient(TestRestTemplate rest, String user) {
        this.rest = rest;
        this.user = user;
    }

    public ApiClient as(String userId) {
        return new ApiClient(rest, userId);
    }

    public Response get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    /** A GET whose path and query are already percent-encoded (no URI template expansion). */
    public Response getEncoded(String encodedPathAndQuery) {
        return exchange(HttpMethod.GET, java.net.URI.create(rest.getRootUri() + encodedPathAndQuery), null);
    }

    public Response post(String path, Object body) {
        return exchange(HttpMethod.POST, path, body);
    }

    public Response put(String path, Object body) {
        return exchange(HttpMethod.PUT, path, body);
    }

    public Response delete(String path) {
        return exchange(HttpMethod.DELETE, path, null);
    }

    /** Creates a ticket as this user and returns its number (fails the test if that does not work). */
    public String createTicket(String subject) {
        Response r = post("/api/tickets", Map.of("subject", subject, "description", "Please help with: " + subject,
                "requester", Map.of("name", "Ivan Petrov", "email", "ivan@example.com"), "channel", "EMAIL"));
        if (r.status() != 201) {
            throw new AssertionError("ticket not created: " + r);
        }
        return r.json().get("number").asText();
    }

    public Response action(String number, String action, Map<String, ?> body) {
        return post("/api/tickets/" + number + "/actions/" + action, body);
    }

    public Response customerWrites(String number, String text) {
        return post("/api/tickets/" + number + "/customer-messages", Map.of("body", text, "channel", "EMAIL"));
    }

    /** A file download: the raw bytes with status and headers. */
    public Download download(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(java.util.List.of(MediaType.ALL));
        if (user != null) {
            headers.setBasicAuth(user, TestFixtures.PASSWORD);
        }
        ResponseEntity<byte[]> response = rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        return new Download(response.getStatusCode().value(), response.getBody() == null ? new byte[0] : response.getBody(),
                response.getHeaders());
    }

    public record Download(int status, byte[] body, HttpHeaders headers) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Response exchange(HttpMethod method, String path, Object body) {
        return exchange(method, (Object) path, body);
    }

    private Response exchange(HttpMethod method, java.net.URI uri, Object body) {
        return exchange(method, (Object) uri, body);
    }

    /** {@code target}: a path (a URI template, expanded) or a ready URI. */
    private Response exchange(HttpMethod method, Object target, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (user != null) {
            headers.setBasicAuth(user, TestFixtures.PASSWORD);
        }
        try {
            String payload = body == null ? null : (body instanceof String s ? s : json.writeValueAsString(body));
            HttpEntity<String> request = new HttpEntity<>(payload, headers);
            ResponseEntity<String> response = target instanceof java.net.URI uri
                    ? rest.exchange(uri, method, request, String.class)
                    : rest.exchange((String) target, method, request, String.class);
            String text = response.getBody();
            MediaType type = response.getHeaders().getContentType();
            boolean isJson = type != null && type.getSubtype().contains("json");
            JsonNode node = text == null || text.isBlank() ? json.nullNode()
                    : isJson ? json.readTree(text) : json.getNodeFactory().textNode(text);
            return new Response(response.getStatusCode().value(), node, response.getHeaders());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, JsonNode json, HttpHeaders headers) {

        /** The fields named in a problem detail's {@code errors}. */
        public java.util.List<String> errorFields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            json.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }
    }
}
