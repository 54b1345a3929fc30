package org.linedesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what: every endpoint LineDesk serves (taken from the application's own request
 * mappings, so a new endpoint without a row here fails this test), called without credentials and as
 * each role, against the table below. Ids in paths name nothing that exists, bodies are empty: what is
 * checked is the door, not the room (an allowed call answers 200, 204, 400 or 404; a refused one 403).
 */
@IntegrationTest
class EndpointAccessTest {

    /** The roles in the table's column order, each a test user. */
    static final List<String> USERS = List.of("anonymous", "fl1", "mgr", "po", "aud", "adm");
    static final Map<String, String> SAMPLE_VARIABLES = Map.ofEntries(Map.entry("number", "INC-9999999"),
            Map.entry("id", "999999"), Map.entry("name", "no-such-name"), Map.entry("language", "en"),
            Map.entry("report", "kpis"), Map.entry("action", "resolve"), Map.entry("macro", "no-such-macro"),
            Map.entry("key", "no-such-process"), Map.entry("version", "1"), Map.entry("user", "no-such-user"),
            Map.entry("project:[a-z][a-z0-9-]*", "no-such-project"), Map.entry("number:[A-Z][A-Z0-9]*-[0-9]+", "INC-9999999"),
            Map.entry("token", "not.signed"));

    @Autowired
    WebApplicationContext context;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    /** Every METHOD and path pattern LineDesk's own controllers answer. */
    List<String> endpoints() {
        TreeSet<String> found = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("org.linedesk")) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
                    found.add(method.name() + " " + pattern);
                }
            }
        }
        return new ArrayList<>(found);
    }

    MockHttpServletResponse call(String endpoint, String user) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = expand(endpoint.substring(endpoint.indexOf(' ') + 1));
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path)
                .with(csrf()).accept(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, MediaType.ALL);
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (!user.equals("anonymous")) {
            request.with(httpBasic(user, "secret"));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    static String expand(String pattern) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = SAMPLE_VARIABLES.get(m.group(1));
            if (value == null) {
                throw new AssertionError("No sample value for path variable {" + m.group(1) + "} in " + pattern);
            }
            m.appendReplacement(out, value);
        }
        return m.appendTail(out).toString();
    }

    /**
     * Expected status per endpoint, in the column order of {@link #USERS}: anonymous, first-line agent,
     * manager, process owner, auditor, admin. 401 asks for a login (the API), 302 sends a browser to the
     * login page (pages); console commands answer a redirect back to the ticket page, saying in a flash
     * message what happened (their per-ticket rights are tested with the ticket pages).
     */
    static final Map<String, List<Integer>> EXPECTED = table(
            row("DELETE /api/reports/subscriptions/{id}", 401, 403, 404, 403, 404, 404),
            row("DELETE /api/templates/{name}/{language}", 401, 403, 404, 404, 403, 404),
            row("GET /", 302, 302, 302, 302, 302, 302),
            row("GET /api/audit/log", 401, 403, 403, 403, 200, 403),
            row("GET /api/audit/tickets/{number}", 401, 403, 403, 403, 404, 403),
            row("GET /api/mail/outbox", 401, 403, 403, 403, 403, 200),
            row("GET /api/mail/quarantine", 401, 403, 403, 403, 403, 200),
            row("GET /api/mail/quarantine/{id}/raw", 401, 403, 403, 403, 403, 404),
            row("GET /api/reports/subscriptions", 401, 403, 200, 403, 200, 200),
            row("GET /api/reports/subscriptions/{id}", 401, 403, 404, 403, 404, 404),
            row("GET /api/reports/subscriptions/{id}/runs", 401, 403, 404, 403, 404, 404),
            row("GET /api/reports/{report}", 401, 403, 200, 403, 200, 200),
            row("GET /api/sla/at-risk", 401, 403, 200, 403, 200, 200),
            row("GET /api/sla/definitions/versions", 401, 403, 200, 200, 200, 200),
            row("GET /api/sla/definitions/versions/{version}", 401, 403, 200, 200, 200, 200),
            row("GET /api/sla/definitions/versions/{version}/changes", 401, 403, 404, 404, 404, 404),
            row("GET /sla", 302, 403, 200, 200, 200, 200),
            row("GET /sla/repair", 302, 403, 403, 200, 403, 200),
            row("GET /sla/versions/{version}", 302, 403, 200, 200, 200, 200),
            row("GET /api/templates", 401, 200, 200, 200, 200, 200),
            row("GET /api/templates/{name}", 401, 404, 404, 404, 404, 404),
            row("GET /api/tickets", 401, 200, 200, 200, 200, 200),
            row("GET /api/tickets/{number}", 401, 404, 404, 404, 404, 404),
            row("GET /api/tickets/{number}/attachments/{id}", 401, 404, 404, 404, 404, 404),
            row("GET /api/work", 401, 200, 200, 200, 200, 200),
            row("GET /audit", 302, 403, 403, 403, 200, 403),
            row("GET /dashboard", 302, 403, 200, 403, 200, 200),
            row("GET /dashboard/at-risk", 302, 403, 200, 403, 200, 200),
            row("GET /api/processes", 401, 403, 403, 200, 403, 200),
            row("GET /api/processes/vocabulary", 401, 403, 403, 200, 403, 200),
            row("GET /api/processes/{key}/compare", 401, 403, 403, 400, 403, 400),
            row("GET /api/processes/{key}/migrations/preview", 401, 403, 403, 400, 403, 400),
            row("GET /api/processes/{key}/migrations/{id}", 401, 403, 403, 404, 403, 404),
            row("GET /api/processes/{key}/versions/{version}/activity-counts", 401, 403, 403, 404, 403, 404),
            row("GET /api/processes/{key}/versions/{version}/xml", 401, 403, 403, 404, 403, 404),
            row("GET /api/tickets/{number}/process", 401, 404, 404, 404, 404, 404),
            row("GET /api/tickets/{number}/process/xml", 401, 404, 404, 404, 404, 404),
            row("GET /console-api/processes", 401, 403, 403, 200, 403, 200),
            row("GET /console-api/processes/vocabulary", 401, 403, 403, 200, 403, 200),
            row("GET /console-api/processes/{key}/compare", 401, 403, 403, 400, 403, 400),
            row("GET /console-api/processes/{key}/migrations/preview", 401, 403, 403, 400, 403, 400),
            row("GET /console-api/processes/{key}/migrations/{id}", 401, 403, 403, 404, 403, 404),
            row("GET /console-api/processes/{key}/versions/{version}/activity-counts", 401, 403, 403, 404, 403, 404),
            row("GET /console-api/processes/{key}/versions/{version}/xml", 401, 403, 403, 404, 403, 404),
            row("GET /console-api/tickets/{number}/process", 401, 404, 404, 404, 404, 404),
            row("GET /console-api/tickets/{number}/process/xml", 401, 404, 404, 404, 404, 404),
            row("GET /processes/{key}/compare", 302, 403, 403, 404, 403, 404),
            row("GET /processes/{key}/edit", 302, 403, 403, 404, 403, 404),
            row("GET /processes/{key}/migrate", 302, 403, 403, 404, 403, 404),
            row("GET /processes/{key}/migrations/{id}", 302, 403, 403, 404, 403, 404),
            row("GET /processes/{key}/versions/{version}", 302, 403, 403, 404, 403, 404),
            row("POST /api/processes/deployments", 401, 403, 403, 422, 403, 422),
            row("POST /api/processes/validate", 401, 403, 403, 422, 403, 422),
            row("POST /api/processes/{key}/migrations", 401, 403, 403, 400, 403, 400),
            row("POST /console-api/processes/deployments", 401, 403, 403, 422, 403, 422),
            row("POST /console-api/processes/validate", 401, 403, 403, 422, 403, 422),
            row("POST /console-api/processes/{key}/migrations", 401, 403, 403, 400, 403, 400),
            row("POST /processes/{key}/migrate", 302, 403, 403, 400, 403, 400),
            row("DELETE /api/projects/{key}/members/{user}", 401, 403, 403, 403, 403, 404),
            row("GET /api/projects", 401, 200, 200, 200, 200, 200),
            row("GET /api/projects/{key}", 401, 404, 404, 404, 404, 404),
            row("POST /api/projects", 401, 403, 403, 403, 403, 400),
            row("POST /api/projects/{key}/groups", 401, 403, 403, 403, 403, 404),
            row("POST /api/projects/{key}/members", 401, 403, 403, 403, 403, 404),
            row("POST /api/projects/hand-overs", 401, 403, 403, 403, 403, 400),
            row("POST /api/projects/reload", 401, 403, 403, 403, 403, 200),
            row("GET /projects", 302, 200, 200, 200, 200, 200),
            row("GET /search", 302, 200, 200, 200, 200, 200),
            row("GET /tickets/new", 302, 200, 403, 403, 403, 403),
            row("POST /projects", 302, 403, 403, 403, 403, 400),
            row("POST /projects/{key}/groups", 302, 403, 403, 403, 403, 400),
            row("POST /projects/{key}/members", 302, 403, 403, 403, 403, 400),
            row("POST /projects/hand-overs", 302, 403, 403, 403, 403, 400),
            row("GET /support/{project:[a-z][a-z0-9-]*}", 404, 404, 404, 404, 404, 404),
            row("POST /support/{project:[a-z][a-z0-9-]*}", 400, 400, 400, 400, 400, 400),
            row("GET /login", 200, 200, 200, 200, 200, 200),
            // the customer's rating page: a bad link is a page saying so, whoever asks; ratings for managers only
            row("GET /rate/{number:[A-Z][A-Z0-9]*-[0-9]+}", 400, 400, 400, 400, 400, 400),
            row("GET /rate/{number:[A-Z][A-Z0-9]*-[0-9]+}/{token}", 400, 400, 400, 400, 400, 400),
            row("POST /rate/{number:[A-Z][A-Z0-9]*-[0-9]+}/{token}", 400, 400, 400, 400, 400, 400),
            row("GET /api/ratings", 401, 403, 200, 403, 200, 200),
            row("GET /ratings", 302, 403, 200, 403, 200, 200),
            row("GET /processes", 302, 403, 403, 200, 403, 200),
            row("GET /support", 200, 200, 200, 200, 200, 200),
            row("GET /tickets/{number}", 302, 404, 404, 404, 404, 404),
            row("GET /tickets/{number}/priority-preview", 302, 400, 400, 400, 400, 400),
            row("GET /work", 302, 200, 403, 403, 403, 403),
            row("GET /work/rows", 302, 200, 403, 403, 403, 403),
            row("POST /api/macros/reload", 401, 403, 403, 200, 403, 200),
            row("POST /api/mail/outbox/{id}/retry", 401, 403, 403, 403, 403, 404),
            row("POST /api/mail/quarantine/{id}/release", 401, 403, 403, 403, 403, 404),
            row("POST /api/reports/subscriptions", 401, 403, 400, 403, 400, 400),
            row("POST /api/reports/subscriptions/{id}/run", 401, 403, 404, 403, 404, 404),
            row("POST /api/routing/reload", 401, 403, 403, 200, 403, 200),
            row("POST /api/routing/try", 401, 403, 403, 200, 403, 200),
            row("POST /api/sla/definitions/reload", 401, 403, 403, 200, 403, 200),
            row("POST /api/sla/repair", 401, 403, 403, 400, 403, 400),
            row("POST /sla/reload", 302, 403, 403, 302, 403, 302),
            row("POST /sla/repair", 302, 403, 403, 200, 403, 200),
            row("POST /api/tickets", 401, 400, 403, 403, 403, 400),
            row("POST /api/tickets/{number}/actions/{action}", 401, 404, 404, 404, 404, 404),
            row("POST /api/tickets/{number}/articles", 401, 400, 400, 400, 400, 400),
            row("POST /api/tickets/{number}/claim", 401, 404, 404, 404, 404, 404),
            row("POST /api/tickets/{number}/customer-messages", 401, 400, 400, 400, 400, 400),
            row("POST /api/tickets/{number}/identity-check", 401, 400, 400, 400, 400, 400),
            row("POST /api/tickets/{number}/priority", 401, 400, 400, 400, 400, 400),
            row("POST /api/tickets/{number}/unclaim", 401, 404, 404, 404, 404, 404),
            row("POST /support", 400, 400, 400, 400, 400, 400),
            row("POST /tickets/{number}/actions/{action}", 302, 302, 302, 302, 302, 302),
            row("POST /tickets/{number}/articles", 302, 400, 400, 400, 400, 400),
            row("POST /tickets/new", 302, 200, 403, 403, 403, 403),
            row("POST /tickets/{number}/claim", 302, 302, 302, 302, 302, 302),
            row("POST /tickets/{number}/macros/{macro}", 302, 302, 302, 302, 302, 302),
            row("POST /tickets/{number}/priority", 302, 400, 400, 400, 400, 400),
            row("POST /tickets/{number}/reassign", 302, 302, 302, 302, 302, 302),
            row("POST /tickets/{number}/reply", 302, 302, 302, 302, 302, 302),
            row("POST /tickets/{number}/verify", 302, 302, 302, 302, 302, 302),
            row("PUT /api/reports/subscriptions/{id}", 401, 403, 404, 403, 404, 404),
            row("PUT /api/templates/{name}/{language}", 401, 403, 400, 400, 403, 400));

    /** Endpoints outside Spring MVC (the engine's REST API, Camunda's webapps, API docs, health). */
    static final Map<String, List<Integer>> EXPECTED_OUTSIDE_MVC = table(
            row("GET /engine-rest/engine", 401, 403, 403, 403, 403, 200),
            row("GET /engine-rest/user", 401, 403, 403, 403, 403, 200),
            row("GET /camunda/app/cockpit/default/", 401, 403, 403, 200, 403, 200),
            row("GET /camunda/app/admin/default/", 401, 403, 403, 403, 403, 200),
            row("GET /camunda/app/tasklist/default/", 401, 403, 403, 403, 403, 200),
            row("GET /camunda/api/engine/engine/default/process-definition/count", 401, 403, 403, 200, 403, 200),
            // past our door the webapp itself answers 404: this stateless call has no webapp session
            row("GET /camunda/api/admin/auth/user/default", 401, 403, 403, 404, 403, 404),
            row("POST /camunda/api/admin/setup/default/user/create", 403, 403, 403, 403, 403, 403),
            // health is open to all (SecurityApiTest); its status here would depend on the mail tests before
            row("GET /v3/api-docs", 401, 200, 200, 200, 200, 200));

    static Map.Entry<String, List<Integer>> row(String endpoint, Integer... statuses) {
        return Map.entry(endpoint, List.of(statuses));
    }

    @SafeVarargs
    static Map<String, List<Integer>> table(Map.Entry<String, List<Integer>>... rows) {
        Map<String, List<Integer>> table = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> row : rows) {
            assertThat(row.getValue()).as(row.getKey()).hasSize(USERS.size());
            assertThat(table.put(row.getKey(), row.getValue())).as("twice in the table: " + row.getKey()).isNull();
        }
        return table;
    }

    @Test
    void everyEndpointHasARowAndEveryRowAnEndpoint() {
        List<String> endpoints = endpoints();
        assertThat(endpoints).as("endpoints without a row in EXPECTED").isSubsetOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("rows for endpoints that no longer exist").isSubsetOf(endpoints);
    }

    @Test
    void eachRoleGetsWhatTheTableSaysOfEachEndpoint() throws Exception {
        assertThat(mismatches(EXPECTED, (endpoint, user) -> call(endpoint, user).getStatus())).isEmpty();
    }

    /** Over real HTTP: these servlets are not Spring MVC's, so only the server reaches them. */
    @Test
    void theEngineTheWebappsAndTheDocsToo() throws Exception {
        assertThat(mismatches(EXPECTED_OUTSIDE_MVC, (endpoint, user) -> {
            ApiClient client = user.equals("anonymous") ? new ApiClient(rest) : new ApiClient(rest).as(user);
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            return endpoint.startsWith("POST ") ? client.post(path, Map.of()).status() : client.get(path).status();
        })).isEmpty();
    }

    interface Caller {
        int status(String endpoint, String user) throws Exception;
    }

    @Test
    void theOpenApiDescriptionListsOnlyEndpointsOfTheTable() throws Exception {
        String docs = mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs").with(httpBasic("adm", "secret")))
                .andReturn().getResponse().getContentAsString();
        JsonNode paths = new ObjectMapper().readTree(docs).path("paths");
        List<String> described = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase() + " " + p.getKey())));
        assertThat(described).hasSizeGreaterThan(30).isSubsetOf(EXPECTED.keySet());
    }

    private Map<String, String> mismatches(Map<String, List<Integer>> expected, Caller caller) throws Exception {
        Map<String, String> wrong = new TreeMap<>();
        for (Map.Entry<String, List<Integer>> row : expected.entrySet()) {
            for (int i = 0; i < USERS.size(); i++) {
                int actual = caller.status(row.getKey(), USERS.get(i));
                if (actual != row.getValue().get(i)) {
                    wrong.put(row.getKey() + " as " + USERS.get(i), "expected " + row.getValue().get(i) + ", got " + actual);
                }
            }
        }
        return wrong;
    }
}
