package org.linedesk.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** An agent opens a ticket for a phone call from the console; a wrong form changes nothing and says why. */
@IntegrationTest
class NewTicketPageTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    MvcResult as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(httpBasic(user, "secret"))).andReturn();
    }

    @Test
    void anAgentOpensAPhoneTicketWithThePrioritiesOfTheMatrix() throws Exception {
        String form = as("fl1", get("/tickets/new")).getResponse().getContentAsString();
        assertThat(form).contains("id=\"new-ticket-form\"").contains("PHONE").contains("CHAT").contains("name=\"_csrf\"");

        MvcResult opened = as("fl1", post("/tickets/new").with(csrf()).param("channel", "PHONE")
                .param("name", "Pyotr Sidorov").param("email", "p.sidorov@example.com")
                .param("subject", "Телефон не звонит").param("text", "Клиент звонил: IP-телефон молчит с утра")
                .param("impact", "HIGH").param("urgency", "HIGH"));

        assertThat(opened.getResponse().getStatus()).isEqualTo(302);
        String number = opened.getResponse().getRedirectedUrl().substring("/tickets/".length());
        JsonNode ticket = new ApiClient(rest).as("mgr").get("/api/tickets/" + number).json();
        assertThat(ticket.get("channel").asText()).isEqualTo("PHONE");
        assertThat(ticket.get("priority").asText()).isEqualTo("P1");
        assertThat(ticket.get("group").asText()).isEqualTo("first-line");
        assertThat(ticket.path("requester").get("email").asText()).isEqualTo("p.sidorov@example.com");
        assertThat(ticket.get("description").asText()).isEqualTo("Клиент звонил: IP-телефон молчит с утра");
        assertThat(ticket.path("history").findValuesAsText("actor")).contains("fl1");
        new ApiClient(rest).as("fl1").action(number, "close-spam", java.util.Map.of());
    }

    @Test
    void aWrongFormComesBackWithWhatWasTypedAndEachFieldsReason() throws Exception {
        long before = jdbc.sql("select count(*) from ticket").query(Long.class).single();

        MvcResult refused = as("fl1", post("/tickets/new").with(csrf()).param("channel", "PHONE")
                .param("email", "not an address").param("subject", "").param("text", "Keeps <b>rebooting</b>")
                .param("impact", "LOW").param("urgency", "LOW"));

        String page = refused.getResponse().getContentAsString();
        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(page).contains("The ticket was not opened").contains("email: must be a well-formed email address")
                .contains("subject: must not be blank").contains("Keeps &lt;b&gt;rebooting&lt;/b&gt;");
        assertThat(jdbc.sql("select count(*) from ticket").query(Long.class).single()).isEqualTo(before);
        MvcResult email = as("fl1", post("/tickets/new").with(csrf()).param("channel", "EMAIL")
                .param("email", "a@example.com").param("subject", "x").param("text", "y")
                .param("impact", "LOW").param("urgency", "LOW"));
        assertThat(email.getResponse().getContentAsString()).contains("channel: is PHONE or CHAT here");
    }

    @Test
    void onlyAgentsOpenTicketsAndNotWithoutTheFormsToken() throws Exception {
        assertThat(as("mgr", get("/tickets/new")).getResponse().getStatus()).isEqualTo(403);
        assertThat(as("fl1", post("/tickets/new").param("channel", "PHONE").param("email", "a@example.com")
                .param("subject", "x").param("text", "y").param("impact", "LOW").param("urgency", "LOW"))
                .getResponse().getStatus()).isEqualTo(403);
    }
}
