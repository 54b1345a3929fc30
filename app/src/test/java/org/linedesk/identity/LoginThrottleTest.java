package org.linedesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Failed logins slow down guessing — per account and address, per address, per account — for the form
 * login and HTTP Basic, with a clear answer, an audit entry, and never a lock-out for good. Each test
 * comes from addresses of its own (through a trusted proxy's X-Forwarded-For, or set directly).
 */
@IntegrationTest
class LoginThrottleTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    WebApplicationContext context;
    @Autowired
    EngineTimers timers;
    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        timers.setTime(new Date());
    }

    @AfterEach
    void resetClock() {
        timers.reset();
    }

    ResponseEntity<String> basic(String user, String password, String clientAddress) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.set("X-Forwarded-For", clientAddress);
        return rest.exchange("/api/work", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    MockHttpServletResponse formLogin(String user, String password, String clientAddress) throws Exception {
        return mvc.perform(post("/login").param("username", user).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(clientAddress);
                    return request;
                })).andReturn().getResponse();
    }

    @Test
    void afterFiveWrongPasswordsTheAccountWaitsFromThatAddressThenLogsInAgain() {
        String address = "203.0.113.11";
        for (int i = 0; i < 5; i++) {
            assertThat(basic("lk2", "guess" + i, address).getStatusCode().value()).isEqualTo(401);
        }

        ResponseEntity<String> blocked = basic("lk2", TestFixtures.PASSWORD, address);
        assertThat(blocked.getStatusCode().value()).isEqualTo(429);
        assertThat(blocked.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(blocked.getBody()).contains("Too many failed logins").contains("30 seconds");
        // the real user on another machine is not locked out by someone guessing from this one
        assertThat(basic("lk2", TestFixtures.PASSWORD, "198.51.100.20").getStatusCode().value()).isEqualTo(200);

        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofSeconds(31).toMillis()));
        assertThat(basic("lk2", TestFixtures.PASSWORD, address).getStatusCode().value()).isEqualTo(200);

        var throttled = jdbc.sql("select actor, target, client_address, result from audit_log "
                + "where action = 'LOGIN_THROTTLED' and actor = 'lk2' order by id desc limit 1").query().singleRow();
        assertThat(throttled.get("target")).isEqualTo("account lk2 from " + address);
        assertThat(throttled.get("client_address")).isEqualTo(address);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'LOGIN_FAILED' and actor = 'lk2' "
                + "and client_address = ?").param(address).query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToTheMaximum() {
        String address = "203.0.113.12";
        for (int i = 0; i < 5; i++) {
            basic("lk3", "guess" + i, address);
        }
        // wait out the first block, fail again: the next block is twice as long
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 31_000));
        assertThat(basic("lk3", "guess-again", address).getStatusCode().value()).isEqualTo(401);
        assertThat(basic("lk3", TestFixtures.PASSWORD, address).getHeaders().getFirst("Retry-After")).isEqualTo("60");
        // a blocked attempt does not count: the wait does not grow while the user waits
        assertThat(basic("lk3", "guess-while-blocked", address).getStatusCode().value()).isEqualTo(429);
        assertThat(basic("lk3", TestFixtures.PASSWORD, address).getHeaders().getFirst("Retry-After")).isEqualTo("60");
        // the right password after the wait clears the account's count
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 61_000));
        assertThat(basic("lk3", TestFixtures.PASSWORD, address).getStatusCode().value()).isEqualTo(200);
        assertThat(basic("lk3", "one-typo", address).getStatusCode().value()).isEqualTo(401);
        assertThat(basic("lk3", TestFixtures.PASSWORD, address).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedDownForEveryAccount() throws Exception {
        String address = "203.0.113.13";
        for (int i = 0; i < 20; i++) {
            assertThat(formLogin("nobody" + i, "guess", address).getRedirectedUrl()).isEqualTo("/login?error");
        }

        MockHttpServletResponse blocked = formLogin("fl1", TestFixtures.PASSWORD, address);
        assertThat(blocked.getRedirectedUrl()).isEqualTo("/login?throttled=30");
        String page = mvc.perform(get("/login").param("throttled", "30")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Too many failed logins for this account from your address. Try again in 30 seconds.");
        // from elsewhere the same account logs in
        assertThat(formLogin("fl1", TestFixtures.PASSWORD, "198.51.100.21").getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void manyAddressesGuessingOneAccountAreSlowedDownTooButTheLimitIsHigher() throws Exception {
        for (int i = 0; i < 50; i++) {
            formLogin("lk4", "guess", "192.0.2." + (i + 1));
        }

        assertThat(formLogin("lk4", TestFixtures.PASSWORD, "198.51.100.22").getRedirectedUrl())
                .startsWith("/login?throttled=");
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(16).toMillis()));
        assertThat(formLogin("lk4", TestFixtures.PASSWORD, "198.51.100.22").getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void theLoginPageShowsOnlyANumberFromTheLink() throws Exception {
        String page = mvc.perform(get("/login").param("throttled", "30 seconds. Call +1-555 to unlock"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("Call +1-555").doesNotContain("Too many failed logins");
    }
}
