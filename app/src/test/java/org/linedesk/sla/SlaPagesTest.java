package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.support.TestFixtures.agent;
import static org.linedesk.support.TestFixtures.newTicket;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.identity.GroupTypes;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The SLA console pages: versions with their changes, comparing two, the reload button, and repair's preview and apply. */
@IntegrationTest
class SlaPagesTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    TicketService tickets;
    @Autowired
    SlaClocks clocks;
    @Autowired
    SlaCatalog catalog;
    @Autowired
    EngineTimers timers;
    @Value("${linedesk.sla-definitions-dir}")
    Path dir;
    SlaDefinitionsFolder folder;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        folder = SlaDefinitionsFolder.onMonday(dir, timers);
    }

    @AfterEach
    void packagedDefinitionsAgain() {
        folder.restore(catalog);
    }

    @Test
    void processOwnersReloadCompareAndRepairInTheConsole() throws Exception {
        as("po", post("/sla/reload").with(csrf()));
        Ticket t = tickets.open(newTicket("Repaired in the console"), "test");
        timers.setTime(Date.from(SlaClocksTest.MONDAY_10_MSK.plus(Duration.ofMinutes(20))));
        tickets.perform(t.getNumber(), "ask-customer", new ActionInput("Which floor?", null, null, null),
                agent("fl1", GroupTypes.FIRST_LINE));
        int before = clocks.clocksOf(t.getId()).get(0).definitionsVersion();
        assertThat(page("fl1", "/tickets/" + t.getNumber())).contains("policy standard, calendar support-moscow, definitions v" + before);

        folder.edit("policies.yaml", "P2: { firstResponse: 1h,  resolution: 8h }", "P2: { firstResponse: 15m, resolution: 8h }");
        MvcResult reloaded = as("po", post("/sla/reload").with(csrf()));
        assertThat(reloaded.getResponse().getRedirectedUrl()).isEqualTo("/sla");
        assertThat((String) reloaded.getFlashMap().get("success")).contains("Version " + (before + 1) + " loaded");
        assertThat(as("po", post("/sla/reload")).getResponse().getStatus()).as("no CSRF token").isEqualTo(403);

        String versions = page("mgr", "/sla");
        assertThat(versions).contains("data-version=\"" + (before + 1) + "\"", "policy standard: targets.P2.firstResponse 1h → 15m")
                .doesNotContain("id=\"sla-reload\"");
        assertThat(page("po", "/sla?from=" + before + "&to=" + (before + 1))).contains("id=\"sla-comparison\"",
                "policy standard: targets.P2.firstResponse 1h → 15m");
        assertThat(page("aud", "/sla/versions/" + before)).contains("policies.yaml", "id: standard");
        assertThat(as("fl1", get("/sla")).getResponse().getStatus()).isEqualTo(403);
        assertThat(as("mgr", get("/sla/repair")).getResponse().getStatus()).isEqualTo(403);

        MvcResult preview = as("po", post("/sla/repair").with(csrf()).param("numbers", t.getNumber() + ", NOPE-7"));
        String html = preview.getResponse().getContentAsString();
        assertThat(html).contains("What would change", "id=\"repair-apply\"", "NOPE-7", "breached",
                "2026-11-30T07:15:00Z").doesNotContain("<script>");
        assertThat(clocks.clocksOf(t.getId()).get(0).state()).isEqualTo("MET");

        String noReason = as("po", post("/sla/repair").with(csrf()).param("numbers", t.getNumber()).param("apply", "true"))
                .getResponse().getContentAsString();
        assertThat(noReason).contains("id=\"repair-error\"", "reason");
        String applied = as("po", post("/sla/repair").with(csrf()).param("numbers", t.getNumber()).param("apply", "true")
                .param("reason", "contract says 15 minutes")).getResponse().getContentAsString();
        assertThat(applied).contains("Repaired", "id=\"repair-changed\">1<");
        assertThat(clocks.clocksOf(t.getId()).get(0).state()).isEqualTo("BREACHED");
        assertThat(page("fl1", "/tickets/" + t.getNumber())).contains("definitions v" + (before + 1), "SLA repaired under definitions version");

        String badDate = as("po", post("/sla/repair").with(csrf()).param("from", "yesterday")).getResponse().getContentAsString();
        assertThat(badDate).contains("id=\"repair-error\"", "from", "is not a date");
    }

    private MvcResult as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(httpBasic(user, "secret"))).andReturn();
    }

    private String page(String user, String path) throws Exception {
        MvcResult r = as(user, get(path));
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }
}
