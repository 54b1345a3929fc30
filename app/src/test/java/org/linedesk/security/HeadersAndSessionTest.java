package org.linedesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.TestFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Security headers on pages, the API and the public form; the console session's cookie and life cycle. */
@IntegrationTest
class HeadersAndSessionTest {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    TestRestTemplate rest;

    @Autowired
    void noRedirects(TestRestTemplate rest) {
        // see each redirect (login, logout) instead of where it leads
        this.rest = rest.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    }

    ResponseEntity<String> get(String path, HttpHeaders headers) {
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void consoleAndPublicPagesAllowNoInlineScriptAndCannotBeFramed() {
        for (String path : List.of("/login", "/support")) {
            HttpHeaders h = get(path, new HttpHeaders()).getHeaders();
            assertThat(h.getFirst("Content-Security-Policy")).as(path).isEqualTo(PAGE_POLICY);
            assertThat(h.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(h.getFirst("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(h.getFirst("Referrer-Policy")).as(path).isEqualTo("same-origin");
            // plain HTTP: no HSTS (a browser would ignore it, and it would pin a test host)
            assertThat(h.getFirst("Strict-Transport-Security")).as(path).isNull();
        }
        HttpHeaders work = new HttpHeaders();
        work.setBasicAuth("fl1", TestFixtures.PASSWORD);
        assertThat(get("/work", work).getHeaders().getFirst("Content-Security-Policy")).isEqualTo(PAGE_POLICY);
    }

    @Test
    void theApiAnswersWithAPolicyThatRendersNothing() {
        HttpHeaders h = new HttpHeaders();
        h.setBasicAuth("fl1", TestFixtures.PASSWORD);
        HttpHeaders answer = get("/api/work", h).getHeaders();
        assertThat(answer.getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'; sandbox");
        assertThat(answer.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void camundasWebappsKeepTheirOwnSinglePolicy() {
        HttpHeaders h = new HttpHeaders();
        h.setBasicAuth("adm", TestFixtures.PASSWORD);
        List<String> policies = get("/camunda/app/cockpit/default/", h).getHeaders().get("Content-Security-Policy");
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0)).isNotEqualTo(PAGE_POLICY);
    }

    @Test
    void behindAnHttpsProxyTheSessionCookieIsSecureAndHstsIsSent() {
        HttpHeaders viaProxy = new HttpHeaders();
        viaProxy.set("X-Forwarded-Proto", "https");
        ResponseEntity<String> page = get("/login", viaProxy);
        assertThat(page.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=");
        String cookie = sessionCookie(page.getHeaders());
        assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");

        String plain = sessionCookie(get("/login", new HttpHeaders()).getHeaders());
        assertThat(plain).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void loggingInGivesANewSessionIdAndLoggingOutEndsTheSession() {
        // the login page's session and CSRF token
        ResponseEntity<String> loginPage = get("/login", new HttpHeaders());
        String before = sessionId(loginPage.getHeaders());
        String csrf = csrfToken(loginPage.getBody());

        ResponseEntity<String> loggedIn = postForm("/login", before, csrf, "username", "fl1", "password", TestFixtures.PASSWORD);
        assertThat(loggedIn.getStatusCode().value()).isEqualTo(302);
        String after = sessionId(loggedIn.getHeaders());
        assertThat(after).isNotNull().isNotEqualTo(before);
        // the old id (which an attacker might have planted) is worth nothing
        assertThat(withSession("/work", before).getStatusCode().value()).isEqualTo(302);
        ResponseEntity<String> work = withSession("/work", after);
        assertThat(work.getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> out = postForm("/logout", after, csrfToken(work.getBody()));
        assertThat(out.getHeaders().getLocation().toString()).endsWith("/login?logout");
        assertThat(out.getHeaders().get(HttpHeaders.SET_COOKIE)).anyMatch(c -> c.startsWith("JSESSIONID=;")
                && c.contains("Max-Age=0"));
        assertThat(withSession("/work", after).getStatusCode().value()).isEqualTo(302);
    }

    private ResponseEntity<String> withSession(String path, String sessionId) {
        HttpHeaders h = new HttpHeaders();
        h.add(HttpHeaders.COOKIE, "JSESSIONID=" + sessionId);
        h.setAccept(List.of(MediaType.TEXT_HTML));
        return get(path, h);
    }

    private ResponseEntity<String> postForm(String path, String sessionId, String csrf, String... fields) {
        HttpHeaders h = new HttpHeaders();
        h.add(HttpHeaders.COOKIE, "JSESSIONID=" + sessionId);
        h.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", csrf);
        for (int i = 0; i < fields.length; i += 2) {
            form.add(fields[i], fields[i + 1]);
        }
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, h), String.class);
    }

    private static String sessionCookie(HttpHeaders headers) {
        return headers.get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }

    private static String sessionId(HttpHeaders headers) {
        List<String> cookies = headers.get(HttpHeaders.SET_COOKIE);
        if (cookies == null) {
            return null;
        }
        return cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.substring(11, c.indexOf(';')))
                .findFirst().orElse(null);
    }

    private static String csrfToken(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }
}
