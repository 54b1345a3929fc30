package org.linedesk.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Every console page and command through Spring MVC with the real security chain: content, permissions, CSRF. */
@IntegrationTest
class ConsolePagesTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    TestRestTemplate rest;

    MockMvc mvc;
    ApiClient fl1;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        fl1 = new ApiClient(rest).as("fl1");
    }

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    ApiClient mgr() {
        return new ApiClient(rest).as("mgr");
    }

    MvcResult as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(httpBasic(user, "secret"))).andReturn();
    }

    String page(String user, String path) throws Exception {
        MvcResult r = as(user, get(path));
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    @Test
    void theLoginPageIsPublicAndEveryOtherPageAsksForALogin() throws Exception {
        MvcResult login = mvc.perform(get("/login")).andReturn();
        assertThat(login.getResponse().getStatus()).isEqualTo(200);
        assertThat(login.getResponse().getContentAsString()).contains("name=\"username\"", "name=\"_csrf\"");
        MvcResult work = mvc.perform(get("/work").accept(org.springframework.http.MediaType.TEXT_HTML)).andReturn();
        assertThat(work.getResponse().getStatus()).isEqualTo(302);
        assertThat(work.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(as("fl1", get("/")).getResponse().getRedirectedUrl()).isEqualTo("/work");
        assertThat(as("mgr", get("/")).getResponse().getRedirectedUrl()).isEqualTo("/dashboard");
        assertThat(as("po", get("/")).getResponse().getRedirectedUrl()).isEqualTo("/processes");
    }

    @Test
    void theWorkListShowsMyQueuesOpenTicketsWithFiltersAndAClaimButton() throws Exception {
        String number = fl1.createTicket("Work list: printer jam");
        String html = page("fl1", "/work");
        assertThat(html).contains(number, "Work list: printer jam", "id=\"claim-" + number + "\"", "hx-trigger=\"every 10s\"");
        assertThat(html).contains("My work").contains("Dashboard".equals("x") ? "" : "Log out");
        assertThat(page("fl1", "/work?channel=PHONE")).doesNotContain(number);
        assertThat(page("fl1", "/work/rows?channel=EMAIL")).contains(number).doesNotContain("<html");
        assertThat(page("pw1", "/work")).doesNotContain(number); // not pw1's queue
        assertThat(as("mgr", get("/work")).getResponse().getStatus()).isEqualTo(403);

        MvcResult claim = as("fl1", post("/tickets/" + number + "/claim").with(csrf()));
        assertThat(claim.getResponse().getRedirectedUrl()).isEqualTo("/tickets/" + number);
        assertThat(fl1.get("/api/tickets/" + number).json().get("assignee").asText()).isEqualTo("fl1");
    }

    @Test
    void theTicketPageShowsTheStepsActionsFromTheBpmnAndMasksTheCustomersAddress() throws Exception {
        String number = fl1.createTicket("<script>alert('x')</script> Cannot log in");
        String html = page("fl1", "/tickets/" + number);
        assertThat(html).contains("Answer and resolve", "Hand over to a group", "Close as spam", "Ask the customer");
        assertThat(html).contains("id=\"macro-close-as-spam\"", "password-reset");
        // every form that posts carries the CSRF token (a browser sends no other)
        assertThat(count(html, "method=\"post\"")).as(html).isEqualTo(count(html, "type=\"hidden\" name=\"_csrf\"")).isGreaterThan(5);
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html).doesNotContain("ivan@example.com").contains("iv…@e…com");
        assertThat(page("mgr", "/tickets/" + number)).contains("ivan@example.com");

        MvcResult foreign = as("pw1", get("/tickets/" + number));
        assertThat(foreign.getResponse().getStatus()).isEqualTo(403);
        assertThat(foreign.getResponse().getContentAsString()).contains("Not allowed", "first-line");
        MvcResult missing = as("fl1", get("/tickets/INC-9999999"));
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(missing.getResponse().getContentAsString()).contains("Not found", "INC-9999999");
    }

    @Test
    void commandsNeedTheCsrfTokenAndRefusalsComeBackAsAReadableMessage() throws Exception {
        String number = fl1.createTicket("Commands from the page");
        assertThat(as("fl1", post("/tickets/" + number + "/actions/hand-over").param("group", "passwords"))
                .getResponse().getStatus()).isEqualTo(403);

        MvcResult refused = as("fl1", post("/tickets/" + number + "/actions/resolve").with(csrf()));
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/tickets/" + number);
        assertThat((String) refused.getFlashMap().get("error")).contains("reply", "required");

        MvcResult handOver = as("fl1", post("/tickets/" + number + "/actions/hand-over").with(csrf())
                .param("group", "passwords").param("reason", "account access"));
        assertThat((String) handOver.getFlashMap().get("success")).contains("hand-over");
        assertThat(mgr().get("/api/tickets/" + number).json().get("group").asText()).isEqualTo("passwords");
    }

    @Test
    void anActionChainRunsAllItsStepsInOneClick() throws Exception {
        String number = fl1.createTicket("Macro: account access");
        MvcResult run = as("fl1", post("/tickets/" + number + "/macros/to-passwords").with(csrf()));
        assertThat((String) run.getFlashMap().get("success")).contains("to-passwords");
        var ticket = mgr().get("/api/tickets/" + number).json();
        assertThat(ticket.get("group").asText()).isEqualTo("passwords");
        assertThat(ticket.get("conversation").toString()).contains("Looks like an account access problem.");

        String spam = fl1.createTicket("Macro: spam");
        as("fl1", post("/tickets/" + spam + "/macros/close-as-spam").with(csrf()));
        assertThat(fl1.get("/api/tickets/" + spam).json().get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void reassignPriorityWithItsPreviewAndTheIdentityCheck() throws Exception {
        String number = fl1.createTicket("Reassign me");
        as("fl1", post("/tickets/" + number + "/reassign").with(csrf()).param("assignee", "fl2"));
        assertThat(fl1.get("/api/tickets/" + number).json().get("assignee").asText()).isEqualTo("fl2");
        MvcResult wrong = as("fl1", post("/tickets/" + number + "/reassign").with(csrf()).param("assignee", "pw1"));
        assertThat((String) wrong.getFlashMap().get("error")).contains("pw1", "not a member");

        assertThat(page("fl1", "/tickets/" + number + "/priority-preview?impact=HIGH&urgency=HIGH")).startsWith("→ P1");
        as("fl1", post("/tickets/" + number + "/priority").with(csrf()).param("impact", "HIGH").param("urgency", "HIGH")
                .param("reason", "whole office affected"));
        assertThat(fl1.get("/api/tickets/" + number).json().get("priority").asText()).isEqualTo("P1");

        MvcResult matches = as("fl1", post("/tickets/" + number + "/verify").with(csrf()).param("email", "IVAN@example.com"));
        assertThat((String) matches.getFlashMap().get("success")).contains("matches");
        MvcResult differs = as("fl1", post("/tickets/" + number + "/verify").with(csrf()).param("email", "eve@example.com"));
        assertThat((String) differs.getFlashMap().get("error")).contains("does NOT match");
        assertThat(fl1.get("/api/tickets/" + number).json().get("history").toString()).contains("identity check by fl1");
    }

    @Test
    void managersGetTheDashboardProcessOwnersTheProcessPage() throws Exception {
        String number = fl1.createTicket("Dashboard ticket");
        String dashboard = page("mgr", "/dashboard");
        assertThat(dashboard).contains("At risk and breached", "Backlog by queue and age", "intake-chart",
                "/api/reports/kpis?format=xlsx", "chart.umd.min.js");
        assertThat(page("mgr", "/dashboard/at-risk")).contains("<table").doesNotContain("<html");
        assertThat(as("fl1", get("/dashboard")).getResponse().getStatus()).isEqualTo(403);

        String processes = page("po", "/processes");
        assertThat(processes).contains("incident", "priority-matrix", "Cockpit", "id=\"edit-incident\"", "Migrate tickets");
        assertThat(as("fl1", get("/processes")).getResponse().getStatus()).isEqualTo(403);
        assertThat(number).startsWith("INC-");
    }

    @Test
    void staticAssetsComeFromWebJars() throws Exception {
        assertThat(mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/webjars/chart.js/dist/chart.umd.min.js")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(Map.of()).isEmpty();
    }

    /**
     * Scripts and styles are linked by content (a new file, a new name) and may be kept by the browser for a
     * year; they go compressed. Over real HTTP: the link rewriting is a servlet filter MockMvc leaves out.
     */
    @Test
    void staticFilesAreLinkedByContentCachedLongAndCompressed() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBasicAuth("po", "secret");
        String page = rest.exchange("/processes", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), String.class).getBody();
        java.util.regex.Matcher bundle = java.util.regex.Pattern.compile("/console/studio/studio-[0-9a-f]{32}\\.js").matcher(page);
        assertThat(bundle.find()).as(page).isFalse(); // the list has no diagram
        assertThat(page).containsPattern("/console/console-[0-9a-f]{32}\\.css");
        String version = rest.exchange("/processes/incident/versions/1", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), String.class).getBody();
        bundle = java.util.regex.Pattern.compile("/console/studio/studio-[0-9a-f]{32}\\.js").matcher(version);
        assertThat(bundle.find()).as(version).isTrue();
        org.springframework.http.HttpHeaders gzip = new org.springframework.http.HttpHeaders();
        gzip.set("Accept-Encoding", "gzip");
        var script = rest.exchange(bundle.group(), org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(gzip), byte[].class);
        assertThat(script.getStatusCode().value()).isEqualTo(200);
        assertThat(script.getHeaders().getCacheControl()).contains("max-age=31536000");
        assertThat(script.getHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
    }
}
