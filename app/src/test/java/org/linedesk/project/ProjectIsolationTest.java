package org.linedesk.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two desks in one installation (processes/projects.yaml: `default` and `games`): every read path keeps
 * one project's tickets from the other's agents and managers, and shows them to their own. A ticket of
 * another project is 404, never 403.
 */
@IntegrationTest
class ProjectIsolationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.linedesk.support.EngineTimers timers;

    ApiClient fl1, mgr, aud, adm, gleb, gina, greta;

    @BeforeEach
    void users() {
        ApiClient api = new ApiClient(rest);
        fl1 = api.as("fl1");
        mailDesk = new org.linedesk.support.OpenedTickets(fl1);
        mgr = api.as("mgr");
        aud = api.as("aud");
        adm = api.as("adm");
        gleb = api.as("gleb");
        gina = api.as("gina");
        greta = api.as("greta");
    }

    /** Tickets of the default desk this test opens; closed afterwards (see OpenedTickets). */
    org.linedesk.support.OpenedTickets mailDesk;

    @org.junit.jupiter.api.AfterEach
    void closeTheMailTickets() {
        mailDesk.closeAll();
    }

    @Test
    void aGamesAgentsTicketIsNumberedQueuedAndTimedAsTheGamesDesk() {
        String number = gleb.createTicket("Lag on EU-3");

        JsonNode ticket = gleb.get("/api/tickets/" + number).json();
        assertThat(number).matches("GAM-\\d{7}");
        assertThat(ticket.path("project").asText()).isEqualTo("games");
        assertThat(ticket.path("group").asText()).isEqualTo("games-first-line");
        assertThat(ticket.path("currentTask").path("step").asText()).isEqualTo("Task_Triage");
        assertThat(ticket.path("sla").findValuesAsText("policy")).containsOnly("games-standard");
        assertThat(ticket.path("sla").findValuesAsText("calendar")).contains("games-evenings");
        assertThat(numbersIn(gleb.get("/api/work").json())).contains(number);
        assertThat(numbersIn(fl1.get("/api/work").json())).doesNotContain(number);
    }

    @Test
    void anotherProjectsTicketDoesNotExistForAgentsManagersAndAuditors() {
        String games = gleb.createTicket("Purchase did not arrive");
        String mail = mailDesk.open("Mailbox full");

        for (ApiClient outsider : List.of(fl1, mgr, aud)) {
            assertThat(outsider.get("/api/tickets/" + games).status()).isEqualTo(404);
            assertThat(outsider.get("/api/tickets/" + games).json().path("detail").asText()).isEqualTo("No ticket " + games);
        }
        // the auditor's complete record of a ticket: the default project's auditor gets the mail ticket only
        assertThat(aud.download("/api/audit/tickets/" + games + "?format=csv").status()).isEqualTo(404);
        assertThat(aud.download("/api/audit/tickets/" + mail + "?format=csv").status()).isEqualTo(200);
        assertThat(gleb.get("/api/tickets/" + mail).status()).isEqualTo(404);
        assertThat(greta.get("/api/tickets/" + mail).status()).isEqualTo(404);
        // and to their own people it does
        assertThat(greta.get("/api/tickets/" + games).status()).isEqualTo(200);
        assertThat(mgr.get("/api/tickets/" + mail).status()).isEqualTo(200);
        assertThat(adm.get("/api/tickets/" + games).status()).isEqualTo(200);
        // the id under the other project's prefix is no way in
        assertThat(greta.get("/api/tickets/" + games.replace("GAM-", "INC-")).status()).isEqualTo(404);
        // nor is acting on it
        assertThat(fl1.action(games, "close-spam", Map.of()).status()).isEqualTo(404);
        assertThat(mgr.post("/api/tickets/" + games + "/priority",
                Map.of("impact", "HIGH", "urgency", "HIGH", "reason", "looks urgent")).status()).isEqualTo(404);
    }

    @Test
    void listsAndSearchShowOnlyTheReadersProjects() {
        String games = gleb.createTicket("Needle search games crash");
        String mail = mailDesk.open("Needle search mail crash");

        assertThat(numbersIn(greta.get("/api/tickets?q=needle search&size=500").json().path("content")))
                .contains(games).doesNotContain(mail);
        assertThat(numbersIn(mgr.get("/api/tickets?q=needle search&size=500").json().path("content")))
                .contains(mail).doesNotContain(games);
        assertThat(numbersIn(adm.get("/api/tickets?q=needle search&size=500").json().path("content")))
                .contains(mail, games);
        assertThat(numbersIn(adm.get("/api/tickets?q=needle search&project=games&size=500").json().path("content")))
                .contains(games).doesNotContain(mail);
        Response foreign = mgr.get("/api/tickets?project=games");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("detail").asText()).isEqualTo("No project 'games'");
    }

    @Test
    void theAtRiskListKpisAndExportsKeepToTheReadersProjects() {
        String games = gleb.createTicket("Gems missing");
        String mail = mailDesk.open("Cannot send");
        assertThat(gleb.action(games, "resolve", Map.of("reply", "Refunded.")).status()).isEqualTo(200);
        assertThat(fl1.action(mail, "resolve", Map.of("reply", "Fixed.")).status()).isEqualTo(200);
        String gamesOpen = gleb.createTicket("Gems missing again");
        String mailOpen = mailDesk.open("Cannot send again");

        List<String> gretas = numbersIn(greta.get("/api/sla/at-risk?within=P60D&limit=2000").json());
        assertThat(gretas).contains(gamesOpen);
        assertThat(projectsOf(gretas)).containsOnly("games");
        List<String> marias = numbersIn(mgr.get("/api/sla/at-risk?within=P60D&limit=2000").json());
        assertThat(marias).contains(mailOpen);
        assertThat(projectsOf(marias)).containsOnly("default");

        assertThat(projectKeys(greta.get("/api/reports/kpis").json())).containsOnly("games");
        assertThat(projectKeys(mgr.get("/api/reports/kpis").json())).containsOnly("default");
        assertThat(projectKeys(adm.get("/api/reports/kpis").json())).contains("default", "games");
        assertThat(projectKeys(adm.get("/api/reports/kpis?project=games").json())).containsOnly("games");
        assertThat(mgr.get("/api/reports/kpis?project=games").status()).isEqualTo(404);

        String gretasExport = greta.download("/api/reports/sla-compliance?format=csv").text();
        assertThat(gretasExport).contains(games).doesNotContain(mail);
        String mariasExport = mgr.download("/api/reports/sla-compliance?format=csv").text();
        assertThat(mariasExport).contains(mail).doesNotContain(games);
        assertThat(adm.download("/api/reports/sla-compliance?format=csv&project=games").text())
                .contains(games).doesNotContain(mail);
    }

    @Test
    void aHandOverToAnotherProjectsGroupIsRefusedUntilAnAdministratorAllowsThePair() {
        String mail = mailDesk.open("Actually about the game launcher");

        Response refused = fl1.action(mail, "hand-over", Map.of("group", "games-support"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asText()).contains("games-support").contains("not allowed");
        assertThat(fl1.get("/api/tickets/" + mail).json().path("group").asText()).isEqualTo("first-line");

        assertThat(mgr.post("/api/projects/hand-overs", Map.of("from", "default", "to", "games")).status()).isEqualTo(403);
        assertThat(adm.post("/api/projects/hand-overs", Map.of("from", "default", "to", "games")).status()).isEqualTo(200);
        assertThat(fl1.action(mail, "hand-over", Map.of("group", "games-support", "reason", "launcher")).status())
                .isEqualTo(200);

        // the ticket moved to the games desk with its group: visible there, gone for the mail desk
        JsonNode moved = greta.get("/api/tickets/" + mail).json();
        assertThat(moved.path("project").asText()).isEqualTo("games");
        assertThat(moved.path("group").asText()).isEqualTo("games-support");
        assertThat(moved.path("history").findValuesAsText("type")).contains("PROJECT_CHANGED");
        assertThat(numbersIn(gina.get("/api/work").json())).contains(mail);
        assertThat(mgr.get("/api/tickets/" + mail).status()).isEqualTo(404);
        // the other direction stays closed
        String games = gleb.createTicket("Not a game question");
        assertThat(gleb.action(games, "hand-over", Map.of("group", "passwords")).status()).isEqualTo(409);
    }

    @Test
    void aScheduledReportCoversTheProjectsOfWhoeverSetItUp() throws InterruptedException {
        String games = gleb.createTicket("Scheduled games report ticket");
        String mail = mailDesk.open("Scheduled mail report ticket");
        gleb.action(games, "resolve", Map.of("reply", "Done."));
        fl1.action(mail, "resolve", Map.of("reply", "Done."));

        Response created = greta.post("/api/reports/subscriptions", Map.of("name", "Games daily", "report",
                "sla-compliance", "format", "csv", "period", "previous-day", "cron", "0 0 6 * * ?", "zone", "UTC",
                "recipients", List.of("greta@test.example")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("projects").toString()).isEqualTo("[\"games\"]");
        assertThat(mgr.get("/api/reports/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(mgr.get("/api/reports/subscriptions").json().findValuesAsText("name")).doesNotContain("Games daily");
        Response foreign = greta.post("/api/reports/subscriptions", Map.of("name", "Peek", "report", "kpis",
                "format", "csv", "period", "previous-day", "cron", "0 0 6 * * ?", "zone", "UTC",
                "recipients", List.of("greta@test.example"), "filters", Map.of("project", "default")));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorFields()).containsExactly("filters.project");

        // run it "tomorrow": the previous day is today, with both tickets resolved
        timers.setTime(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(1))));
        try {
            assertThat(greta.post("/api/reports/subscriptions/" + id + "/run", Map.of()).status()).isEqualTo(202);
            String messageId = null;
            for (int i = 0; i < 300 && messageId == null; i++) {
                Thread.sleep(100);
                messageId = jdbc.sql("select message_id from report_run where subscription_id = ? and status = 'SENT'")
                        .param(id).query(String.class).optional().orElse(null);
            }
            assertThat(messageId).as("the run was sent").isNotNull();
            String csv = new String(jdbc.sql("select attachment from outbound_mail where message_id = ?").param(messageId)
                    .query(byte[].class).single(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(csv).contains(games).doesNotContain(mail);
        } finally {
            timers.reset();
        }
    }

    @Test
    void theAuditLogAndItsExportKeepToTheAuditorsProjects() {
        String games = gleb.createTicket("Audited games ticket");
        String mail = mailDesk.open("Audited mail ticket");
        assertThat(greta.put("/api/templates/audit-games-probe/en", Map.of("title", "Probe", "body", "Hi")).status())
                .isEqualTo(200);
        assertThat(mgr.put("/api/templates/audit-mail-probe/en", Map.of("title", "Probe", "body", "Hi")).status())
                .isEqualTo(200);
        assertThat(adm.post("/api/projects/games/members", Map.of("user", "gaud")).status()).isEqualTo(200);

        String gamesAuditor = page("gaud", "/audit").getBody();
        assertThat(gamesAuditor).contains("audit-games-probe").doesNotContain("audit-mail-probe");
        assertThat(page("aud", "/audit").getBody()).contains("audit-mail-probe").doesNotContain("audit-games-probe");

        ApiClient gaud = new ApiClient(rest).as("gaud");
        assertThat(gaud.download("/api/audit/log?format=csv").text()).contains(games).doesNotContain(mail);
        assertThat(aud.download("/api/audit/log?format=csv").text()).contains(mail).doesNotContain(games);
    }

    @Test
    void templatesAreTheProjectsOwnPlusTheSharedOnes() {
        Response saved = greta.put("/api/templates/games-refund/en", Map.of("title", "Refund done",
                "body", "Dear {{customer.name}}, your gems are back."));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("project").asText()).isEqualTo("games");

        assertThat(names(greta.get("/api/templates").json())).contains("games-refund", "acknowledgement");
        assertThat(names(mgr.get("/api/templates").json())).contains("acknowledgement").doesNotContain("games-refund");
        assertThat(mgr.get("/api/templates/games-refund").status()).isEqualTo(404);
        assertThat(mgr.get("/api/templates?project=games").status()).isEqualTo(404);

        String games = gleb.createTicket("Refund please");
        assertThat(gleb.post("/api/tickets/" + games + "/articles", Map.of("kind", "PUBLIC_REPLY",
                "template", "games-refund")).status()).isEqualTo(201);
        String mail = mailDesk.open("Refund please too");
        Response unknown = fl1.post("/api/tickets/" + mail + "/articles", Map.of("kind", "PUBLIC_REPLY",
                "template", "games-refund"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("template");
    }

    @Test
    void administratorsCreateProjectsAndPlacePeopleOthersSeeOnlyTheirOwn() {
        Response created = adm.post("/api/projects", Map.of("key", "search", "name", "Search", "ticketPrefix", "SRC",
                "timeZone", "Europe/Moscow"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("firstLine").asText()).isEqualTo("search-first-line");
        assertThat(created.json().path("groups").toString()).contains("search-first-line");
        assertThat(adm.post("/api/projects/search/members", Map.of("user", "gina")).status()).isEqualTo(200);
        assertThat(adm.get("/api/projects/search").json().path("members").toString()).contains("gina");

        Response bad = adm.post("/api/projects", Map.of("key", "Not A Key", "name", "", "timeZone", "Mars/Base"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("key", "name", "timeZone");
        assertThat(adm.post("/api/projects", Map.of("key", "games", "name", "Again")).status()).isEqualTo(409);
        assertThat(mgr.post("/api/projects", Map.of("key", "other", "name", "Other")).status()).isEqualTo(403);
        assertThat(adm.post("/api/projects/nope/members", Map.of("user", "aud")).status()).isEqualTo(404);
        assertThat(adm.post("/api/projects/search/groups", Map.of("group", "no-such-group")).status()).isEqualTo(404);
        assertThat(adm.post("/api/projects/search/groups", Map.of("group", "first-line")).status()).isEqualTo(409);

        assertThat(keys(gleb.get("/api/projects").json())).containsExactly("games");
        assertThat(keys(mgr.get("/api/projects").json())).containsExactly("default");
        assertThat(keys(adm.get("/api/projects").json())).contains("default", "games", "search");
        assertThat(gleb.get("/api/projects/default").status()).isEqualTo(404);
    }

    @Test
    void theConsolesPagesKeepToTheReadersProjects() {
        String games = gleb.createTicket("Console page games ticket");
        String mail = mailDesk.open("Console page mail ticket");

        assertThat(page("greta", "/tickets/" + mail).getStatusCode().value()).isEqualTo(404);
        assertThat(page("gleb", "/tickets/" + mail).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> gamesPage = page("gleb", "/tickets/" + games);
        assertThat(gamesPage.getStatusCode().value()).isEqualTo(200);
        // the games desk's own action chain, its own groups to hand over to, never the default desk's
        assertThat(gamesPage.getBody()).contains("games-to-payments").doesNotContain("to-passwords")
                .contains("games-support").doesNotContain("value=\"passwords\"");
        assertThat(page("fl1", "/tickets/" + mail).getBody()).contains("to-passwords").doesNotContain("games-to-payments");
        assertThat(page("gleb", "/work").getBody()).contains(games).doesNotContain(mail);
        assertThat(page("greta", "/dashboard/at-risk").getBody()).doesNotContain(mail);
        assertThat(page("mgr", "/dashboard/at-risk").getBody()).doesNotContain(games);
        assertThat(page("gleb", "/projects").getBody()).contains("project-games").doesNotContain("project-default");
    }

    @Test
    void aProjectsRoutingRulesSortOnlyItsOwnRequests() {
        ResponseEntity<String> games = submitForm("/support/games", Map.of("email", "buyer@example.com",
                "subject", "My gems are gone", "description", "I paid and got nothing."));
        ResponseEntity<String> mail = submitForm("/support", Map.of("email", "buyer@example.com",
                "subject", "My gems are gone", "description", "I paid and got nothing."));
        assertThat(groupOf(games)).isEqualTo("games games-support");
        assertThat(groupOf(mail)).isEqualTo("default first-line");
    }

    private String groupOf(ResponseEntity<String> formAnswer) {
        assertThat(formAnswer.getStatusCode().value()).as(formAnswer.getBody()).isEqualTo(201);
        String number = formAnswer.getBody().replaceAll("(?s).*\"ticket\":\"([A-Z]+-\\d+)\".*", "$1");
        return jdbc.sql("select project || ' ' || current_group from ticket where number = ?").param(number)
                .query(String.class).single();
    }

    /** A console page as a browser asks for it, logged in with HTTP Basic. */
    private ResponseEntity<String> page(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, org.linedesk.support.TestFixtures.PASSWORD);
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void theWebFormOfAProjectOpensTicketsThere() {
        ResponseEntity<String> answer = submitForm("/support/games", Map.of("email", "kid@example.com",
                "subject", "Cannot join clan", "description", "The button does nothing."));
        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        String number = answer.getBody().replaceAll("(?s).*\"ticket\":\"([A-Z]+-\\d+)\".*", "$1");
        assertThat(number).startsWith("GAM-");
        assertThat(jdbc.sql("select project || ' ' || current_group from ticket where number = ?").param(number)
                .query(String.class).single()).isEqualTo("games games-first-line");

        assertThat(submitForm("/support/nope", Map.of("email", "kid@example.com", "subject", "x", "description", "y"))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(rest.getForEntity("/support/nope", String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(rest.getForEntity("/support/games", String.class).getBody()).contains("Games");
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    /** Opens the default form for its CSRF token and session, then posts JSON to {@code path} as a page script would. */
    private ResponseEntity<String> submitForm(String path, Map<String, String> fields) {
        HttpHeaders get = new HttpHeaders();
        get.add("X-Forwarded-For", "198.51.100." + (++clients));
        ResponseEntity<String> page = rest.exchange("/support", HttpMethod.GET, new HttpEntity<>(get), String.class);
        Matcher token = CSRF.matcher(page.getBody());
        assertThat(token.find()).isTrue();
        HttpHeaders post = new HttpHeaders();
        post.setContentType(MediaType.APPLICATION_JSON);
        post.add(HttpHeaders.COOKIE, page.getHeaders().get(HttpHeaders.SET_COOKIE).get(0).split(";")[0]);
        post.add("X-CSRF-TOKEN", token.group(1));
        post.add("X-Forwarded-For", get.getFirst("X-Forwarded-For"));
        try {
            return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(fields), post), String.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int clients;

    /** The projects of these tickets now (a ticket keeps its number when a hand-over moves it). */
    private List<String> projectsOf(List<String> numbers) {
        return jdbc.sql("select distinct project from ticket where number in (:numbers)").param("numbers", numbers)
                .query(String.class).list();
    }

    private static List<String> numbersIn(JsonNode list) {
        List<String> numbers = new ArrayList<>();
        list.forEach(t -> numbers.add(t.path("number").asText()));
        return numbers;
    }

    private static List<String> projectKeys(JsonNode kpis) {
        List<String> keys = new ArrayList<>();
        kpis.path("compliance").forEach(c -> {
            if (c.path("dimension").asText().equals("project")) {
                keys.add(c.path("key").asText());
            }
        });
        return keys;
    }

    private static List<String> names(JsonNode templates) {
        List<String> names = new ArrayList<>();
        templates.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static List<String> keys(JsonNode projects) {
        List<String> keys = new ArrayList<>();
        projects.forEach(p -> keys.add(p.path("key").asText()));
        return keys;
    }
}
