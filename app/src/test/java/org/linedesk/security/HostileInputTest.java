package org.linedesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.security.HostileCorpus.BIDI_NAME;
import static org.linedesk.security.HostileCorpus.FORMULAS;
import static org.linedesk.security.HostileCorpus.INJECTED;
import static org.linedesk.security.HostileCorpus.LINKS;
import static org.linedesk.security.HostileCorpus.MARKUP;
import static org.linedesk.security.HostileCorpus.TEMPLATE_INJECTION;
import static org.linedesk.security.HostileCorpus.VICTIM_DOMAIN;
import static org.linedesk.security.HostileCorpus.ZERO_WIDTH_NAME;
import static org.linedesk.security.HostileCorpus.scripts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.linedesk.mail.OutboxWorker;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Download;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.HeadlessChromium;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.MailServer;
import org.linedesk.support.MailServer.RawMail;
import org.linedesk.support.TestFixtures;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Hostile customer input ({@link HostileCorpus}) through every way customer content enters LineDesk —
 * the ticket API, the public web form, e-mail, response templates — and out again through every page
 * that shows it (in Debian's headless chromium), the spreadsheet exports and the mail LineDesk sends.
 * Nothing may run, nothing may be injected, and the text must still be there, shown as text.
 *
 * <p>Tickets are opened on a Monday morning in January 2020: no other test writes there, so the work list
 * (soonest due first) shows them at the top and the exports of that day hold only them. The browser tests
 * are skipped without chromium and chromedriver; screenshots go to target/e2e-screenshots/hostile-*.
 */
@IntegrationTest
// Independent tests; the order only spares logins (one browser for the class, and a login costs seconds):
// the anonymous form first, then everything as fl1, and the one that changes users last.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    /** Monday 13 January 2020, 10:00 in Moscow: working hours, SLA clocks run. */
    static final Instant MONDAY_10_MSK = Instant.parse("2020-01-13T07:00:00Z");
    static final String THAT_DAY = "from=2020-01-13&to=2020-01-13&zone=Europe/Moscow";
    /** A hostile address that is still a valid one (a quoted local part may hold markup). */
    static final String HOSTILE_EMAIL = "\"<svg onload=window.__pwned=true>\"@example.com";

    @RegisterExtension
    static GreenMailExtension greenMail = MailServer.extension();

    static WebDriver browser;
    static String loggedIn;
    static int screenshots;

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    EngineTimers timers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxWorker outbox;
    @Autowired
    ApplicationContext context;

    ApiClient fl1, mgr, aud, adm;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!HeadlessChromium.installed()) {
            return; // the tests that need it are skipped (see browser()); the rest run
        }
        browser = HeadlessChromium.start(Duration.ofSeconds(2));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
        try (var old = Files.newDirectoryStream(SCREENSHOTS, "hostile-*.png")) { // only this run's pictures
            for (Path file : old) {
                Files.delete(file);
            }
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void mondayMorning() {
        timers.setTime(Date.from(MONDAY_10_MSK));
        ApiClient api = new ApiClient(rest);
        fl1 = api.as("fl1");
        mgr = api.as("mgr");
        aud = api.as("aud");
        adm = api.as("adm");
    }

    @AfterEach
    void resetClock() {
        timers.reset();
    }

    // ---------------------------------------------------------------------------------------------
    // The ticket API

    @Test
    @Order(Integer.MAX_VALUE)
    void hostileTextFromTheApiIsStoredAsSentAndShownAsTextOnEveryPageToEveryRole() throws Exception {
        List<String> subjects = packed(scripts(), 200);
        subjects.addAll(packed(TEMPLATE_INJECTION, 200));
        List<String> numbers = new ArrayList<>();
        for (String subject : subjects) {
            numbers.add(open(fl1, subject, "Details: " + subject, MARKUP.get(3), "api-subject@example.com"));
        }
        String name = "<img src=x onerror=window.__pwned=true> {{ticket.number}} ${7*7} [[${7*7}]]";
        String subject = "Printer: \"><script>window.__pwned=true</script> </title><svg onload=window.__pwned=true>";
        String description = HostileCorpus.everything();
        String rich = open(fl1, subject, description, name, HOSTILE_EMAIL);

        // stored exactly as sent: escaping is the pages' job, not the database's
        JsonNode stored = mgr.get("/api/tickets/" + rich).json();
        assertThat(stored.get("subject").asText()).isEqualTo(subject);
        assertThat(stored.get("description").asText()).isEqualTo(description);
        assertThat(stored.path("requester").get("name").asText()).isEqualTo(name);
        assertThat(stored.path("requester").get("email").asText()).isEqualTo(HOSTILE_EMAIL);

        // customer messages (phone/chat, entered by the agent), a note, a reply, a reason: all customer-ish text
        String customerText = String.join("\n", LINKS) + "\n" + String.join("\n", TEMPLATE_INJECTION);
        assertThat(fl1.post("/api/tickets/" + rich + "/customer-messages", Map.of("body", customerText,
                "from", Map.of("name", MARKUP.get(5), "email", HOSTILE_EMAIL), "channel", "CHAT")).status()).isEqualTo(201);
        String note = String.join("\n", MARKUP.subList(0, 12));
        assertThat(fl1.post("/api/tickets/" + rich + "/articles", Map.of("kind", "INTERNAL_NOTE", "body", note)).status())
                .isEqualTo(201);
        String reply = String.join("\n", MARKUP.subList(12, MARKUP.size()));
        assertThat(fl1.post("/api/tickets/" + rich + "/articles", Map.of("kind", "PUBLIC_REPLY", "body", reply)).status())
                .isEqualTo(201);
        String reason = "</td></tr></table><img src=x onerror=window.__pwned=true>";
        assertThat(fl1.post("/api/tickets/" + rich + "/priority", Map.of("impact", "HIGH", "urgency", "MEDIUM",
                "reason", reason)).status()).isEqualTo(200);
        // one ticket goes to Passwords with a hostile hand-over reason, for the second line to look at
        String handedOver = numbers.get(0);
        String handOverReason = "\"><svg onload=window.__pwned=true> account access";
        assertThat(fl1.action(handedOver, "hand-over", Map.of("group", "passwords", "reason", handOverReason)).status())
                .isEqualTo(200);

        loginAs("fl1");
        List<String> shownSubjects = new ArrayList<>(subjects.subList(1, subjects.size()));
        shownSubjects.add(subject);
        visit("fl1", "/work", "api-work-list", shownSubjects, List.of());
        // the list refreshes itself (htmx): the swapped-in rows are as harmless as the page
        ((JavascriptExecutor) browser()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const rows = document.getElementById('rows');
                htmx.ajax('GET', rows.getAttribute('hx-get'), {target: '#rows', swap: 'outerHTML'}).then(() => done(true));""");
        assertPageIsSafe("api-work-list-refreshed", shownSubjects, List.of(), null);

        List<String> richText = new ArrayList<>(List.of(subject, name, "\"<…@e…com", reason));
        richText.addAll(description.lines().toList());
        richText.addAll(customerText.lines().toList());
        richText.addAll(note.lines().toList());
        richText.addAll(reply.lines().toList());
        visit("fl1", "/tickets/" + rich, "api-ticket-agent", richText, List.of(name, subject));
        for (int i = 1; i < numbers.size(); i++) { // one screenshot of these is enough: they differ only in the subject
            visit("fl1", "/tickets/" + numbers.get(i), i == 1 ? "api-ticket-subject" : null,
                    List.of(subjects.get(i), MARKUP.get(3)), List.of());
        }

        // a refused command echoes the agent's (or a forged form's) input in a message: as text
        String template = "<svg onload=window.__pwned=true>";
        ((JavascriptExecutor) browser).executeScript("""
                const select = document.getElementById('template');
                const option = document.createElement('option');
                option.value = arguments[0];
                option.text = 'forged';
                select.add(option);
                select.value = arguments[0];
                document.getElementById('reply').value = 'Hello';""", template);
        navigate(By.id("send-reply"));
        assertPageIsSafe("api-ticket-refused-template", List.of("no template '" + template + "'"), List.of(), null);
        // an address typed into the URL comes back on the 404 page: as text
        String bogus = "INC-<img src=x onerror=window.__pwned=true>";
        browser.get(url("/tickets/" + bogus));
        assertPageIsSafe("api-not-found", List.of("Not found"), List.of(), null);

        loginAs("pw1");
        visit("pw1", "/work", "api-work-list-second-line", List.of(subjects.get(0)), List.of());
        visit("pw1", "/tickets/" + handedOver, "api-ticket-second-line", List.of(subjects.get(0), handOverReason),
                List.of());

        // the reply went to the hostile (but valid) address, and to nobody else
        outbox.sendDue();
        assertThat(MailServer.sentTo(greenMail, HOSTILE_EMAIL))
                .anySatisfy(m -> assertThat(m.getSubject()).isEqualTo("Re: [" + rich + "] " + subject))
                .allSatisfy(m -> assertThat(addresses(m.getAllRecipients())).containsExactly(HOSTILE_EMAIL));

        // managers and auditors see the whole address: as text, too
        for (String user : List.of("mgr", "aud")) {
            loginAs(user);
            visit(user, "/dashboard", "api-dashboard-" + user, List.of("Dashboard"), List.of());
            visit(user, "/tickets/" + rich, "api-ticket-" + user, List.of(subject, name, HOSTILE_EMAIL, reason),
                    List.of(HOSTILE_EMAIL));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // E-mail

    @Test
    void hostileMailHeadersBodiesAndFileNamesBecomeTicketsShownAsTextWithTheirHtmlSanitised() throws Exception {
        String headerName = "<img src=x onerror=window.__pwned=true> Eve";
        String headerSubject = "<script>window.__pwned=true</script> Outlook asks again and again";
        deliver(RawMail.from(word(headerName, "B") + " <hostile-header@example.com>", MailServer.SUPPORT,
                        "hostile-header@example.com")
                .header("Subject", word(headerSubject, "B")).text("plain", String.join("\n", scripts()), "UTF-8", "quoted-printable"));

        // Q encoding, and a tag split over two encoded words (RFC 2047 joins adjacent words without the space)
        String qName = "\"><svg onload=window.__pwned=true>";
        String splitSubject = "=?UTF-8?Q?=3Cimg_src=3Dx?= =?UTF-8?Q?_onerror=3Dwindow=2E=5F=5Fpwned=3Dtrue=3E?= printer";
        deliver(RawMail.from(word(qName, "Q") + " <hostile-q@example.com>", MailServer.SUPPORT, "hostile-q@example.com")
                .subject(splitSubject).text("plain", String.join("\n", TEMPLATE_INJECTION), "UTF-8", "base64"));

        // HTML only: the text is derived from it, the HTML kept sanitised
        String harmless = "Quarterly numbers attached";
        deliver(RawMail.from("html-only <hostile-html@example.com>", MailServer.SUPPORT, "hostile-html@example.com")
                .subject("Numbers").text("html", HostileCorpus.htmlMail(harmless), "UTF-8", "quoted-printable"));

        // text and HTML alternatives, attachments whose names carry markup, paths and header breaks
        String markupFile = "<img src=x onerror=window.__pwned=true>.txt";
        String encodedFile = "\"><svg onload=window.__pwned=true>.html";
        String bigFile = "<svg onload=window.__pwned=true>.bin";
        String plainPart = "Plain part: <svg onload=window.__pwned=true> see the files";
        String raw = """
                --mixed
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=UTF-8

                %s
                --alt
                Content-Type: text/html; charset=UTF-8

                <p>HTML part <a href="JaVaScRiPt:window.__pwned=true">click</a><iframe src="javascript:window.__pwned=true"></iframe></p>
                --alt--
                --mixed
                Content-Type: text/plain
                Content-Disposition: attachment; filename="%s"

                hello
                --mixed
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename*=UTF-8''..%%2F..%%2Fetc%%2Fpasswd%%0D%%0AX-Injected%%3A%%20yes

                root:x:0:0
                --mixed
                Content-Type: text/html
                Content-Disposition: attachment; filename="%s"

                <script>window.__pwned=true</script>
                --mixed
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="%s"

                %s
                --mixed--
                """.formatted(plainPart, markupFile, word(encodedFile, "B"), bigFile, "x".repeat(70 * 1024));
        deliver(RawMail.from("files <hostile-files@example.com>", MailServer.SUPPORT, "hostile-files@example.com")
                .subject("Files").multipart("mixed", "mixed", raw));

        // '<' and '>' as overlong UTF-8 in the subject and the body (raw 8-bit bytes)
        ByteArrayOutputStream overlong = new ByteArrayOutputStream();
        overlong.writeBytes(("From: overlong <hostile-overlong@example.com>\r\nTo: " + MailServer.SUPPORT
                + "\r\nMessage-ID: <hostile-overlong@example.com>\r\nMIME-Version: 1.0\r\nSubject: ")
                .getBytes(StandardCharsets.US_ASCII));
        overlong.writeBytes(HostileCorpus.overlongUtf8("Overlong "));
        overlong.writeBytes("\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        overlong.writeBytes(HostileCorpus.overlongUtf8("Body "));
        MailServer.deliver(greenMail, MailServer.SUPPORT, overlong.toByteArray());

        // UTF-7 (the old way around filters that look for '<'): not a charset LineDesk decodes
        String utf7 = "+ADw-script+AD4-window.__pwned=true+ADw-/script+AD4-";
        deliver(RawMail.from("utf7 <hostile-utf7@example.com>", MailServer.SUPPORT, "hostile-utf7@example.com")
                .subject("UTF-7").rawBody("text/plain; charset=UTF-7", utf7.getBytes(StandardCharsets.US_ASCII)));

        assertThat(pollMailboxes()).containsEntry("OPENED", 6);

        JsonNode header = ticketOf("hostile-header@example.com");
        assertThat(header.get("subject").asText()).isEqualTo(headerSubject);
        assertThat(header.path("requester").get("name").asText()).isEqualTo(headerName);
        assertSameText("description", lf(header.get("description").asText()), String.join("\n", scripts())); // mail: CRLF
        assertThat(header.get("routingHint").asText()).isEqualTo("web & mail clients");

        JsonNode q = ticketOf("hostile-q@example.com");
        assertThat(q.path("requester").get("name").asText()).isEqualTo(qName);
        assertThat(q.get("subject").asText()).isEqualTo("<img src=x onerror=window.__pwned=true> printer");

        JsonNode html = ticketOf("hostile-html@example.com");
        assertThat(html.get("description").asText()).contains(harmless, "the report");
        String sanitised = html.path("conversation").get(0).get("bodyHtml").asText();
        assertHarmlessHtml(sanitised);
        assertThat(Jsoup.parse(sanitised).text()).contains(harmless, "the report", "link one", "link five");
        assertThat(Jsoup.parse(sanitised).select("a[href]").eachAttr("href")).containsExactly("https://example.com/report");

        JsonNode files = ticketOf("hostile-files@example.com");
        JsonNode first = files.path("conversation").get(0);
        assertThat(first.get("body").asText()).startsWith(plainPart)
                .contains("[attachment '" + bigFile + "' was not stored: it is larger than the limit of 64 KB");
        assertHarmlessHtml(first.get("bodyHtml").asText());
        assertThat(first.get("bodyHtml").asText()).contains("HTML part", "click");
        assertThat(files.path("history").findValuesAsText("detail")).anyMatch(d -> d.contains(bigFile));
        List<String> names = first.get("attachments").findValuesAsText("filename");
        assertThat(names).hasSize(3).contains(markupFile, encodedFile)
                .allSatisfy(n -> assertThat(n).doesNotContain("/", "\\", "\r", "\n"));
        assertThat(names).anySatisfy(n -> assertThat(n).contains("etc").contains("passwd"));
        for (JsonNode file : first.get("attachments")) {
            Download download = fl1.download("/api/tickets/" + files.get("number").asText() + "/attachments/"
                    + file.get("id").asText());
            assertThat(download.status()).isEqualTo(200);
            // a customer's file is never rendered by the browser, whatever type and name it claims
            assertThat(download.headers().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
            assertThat(download.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            String disposition = download.headers().getFirst("Content-Disposition");
            assertThat(disposition).startsWith("attachment;").doesNotContain("\r", "\n");
            assertThat(ContentDisposition.parse(disposition).getFilename()).isEqualTo(file.get("filename").asText());
            assertThat(download.headers().get("X-Injected")).isNull();
        }

        JsonNode over = ticketOf("hostile-overlong@example.com");
        for (String text : List.of(over.get("subject").asText(), over.get("description").asText())) {
            assertThat(text).contains("script", "\uFFFD").doesNotContain("<", ">"); // decoded to U+FFFD, never to '<'
        }

        JsonNode seven = ticketOf("hostile-utf7@example.com");
        assertThat(seven.get("description").asText()).isEqualTo(utf7);
        assertThat(seven.path("history").findValuesAsText("detail")).anyMatch(d -> d.contains("UTF-7"));

        loginAs("fl1");
        visit("fl1", "/work", "mail-work-list", List.of(headerSubject, q.get("subject").asText(), "Numbers", "Files",
                over.get("subject").asText(), "looks like: web & mail clients"), List.of());
        visit("fl1", "/tickets/" + header.get("number").asText(), "mail-headers",
                plus(scripts(), headerSubject, headerName), List.of(headerName));
        visit("fl1", "/tickets/" + q.get("number").asText(), "mail-q-encoded",
                plus(TEMPLATE_INJECTION, q.get("subject").asText(), qName), List.of(qName));
        visit("fl1", "/tickets/" + html.get("number").asText(), "mail-html-only", List.of(harmless, "the report"),
                List.of());
        visit("fl1", "/tickets/" + files.get("number").asText(), "mail-files",
                List.of(plainPart, "attachment '" + bigFile + "' was not stored"), List.of());
        visit("fl1", "/tickets/" + over.get("number").asText(), "mail-overlong", List.of(over.get("subject").asText(),
                over.get("description").asText()), List.of());
        visit("fl1", "/tickets/" + seven.get("number").asText(), "mail-utf7", List.of(utf7), List.of());

        // the API offers the sanitised HTML for clients to show: shown as HTML, it runs nothing either
        browser.get("about:blank");
        ((JavascriptExecutor) browser).executeScript("""
                const box = document.createElement('div');
                box.id = 'mail-html';
                box.innerHTML = arguments[0] + arguments[1];
                document.body.appendChild(box);""", sanitised, first.get("bodyHtml").asText());
        assertPageIsSafe("mail-html-as-html", List.of(harmless, "the report", "HTML part"), List.of(), "#mail-html");

        // and the check is not blind: the same mail unsanitised, in the same place, is caught running and injecting
        browser.get("about:blank");
        ((JavascriptExecutor) browser).executeScript("""
                const box = document.createElement('div');
                box.id = 'raw-html';
                box.innerHTML = arguments[0];
                document.body.appendChild(box);""", HostileCorpus.htmlMail(harmless));
        Map<String, Object> unsanitised = inspect(List.of(harmless), List.of(), "#raw-html");
        assertThat(unsanitised.get("pwned")).as("an onerror handler of the raw mail ran").isEqualTo(true);
        assertThat(unsanitised.get("problems").toString()).contains("<img> element", "event attribute onerror", "a link to javascript:",
                "a link to data:");
    }

    // ---------------------------------------------------------------------------------------------
    // The public web form

    @Test
    @Order(1)
    void thePublicFormShowsHostileInputAsTextWhenItRefusesItAndWhenItAcceptsIt() throws Exception {
        String name = packed(MARKUP, 200).get(0);
        String subject = packed(LINKS, 200).get(0);
        String description = HostileCorpus.everything();
        String badEmail = "</title><script>window.__pwned=true</script>";

        visitAnonymously("198.51.100.77");
        browser.get(url("/support"));
        assertPageIsSafe("form-empty", List.of("Contact support"), List.of(), null);
        fill(Map.of("name", name, "email", badEmail, "subject", subject, "description", description));
        navigate(By.cssSelector("form button[type=submit]"));
        // refused (the address): the form comes back with everything the customer typed, as values
        assertPageIsSafe("form-refused", List.of("is not an e-mail address"), List.of(), null);
        List<String> typed = values("name", "email", "subject", "description");
        assertSameText("name", typed.get(0), name);
        assertSameText("email", typed.get(1), badEmail);
        assertSameText("subject", typed.get(2), subject);
        assertSameText("description", typed.get(3), description);

        fill(Map.of("email", HOSTILE_EMAIL));
        navigate(By.cssSelector("form button[type=submit]"));
        assertPageIsSafe("form-received", List.of("Thank you, we have your request", HOSTILE_EMAIL), List.of(HOSTILE_EMAIL),
                null);
        String number = browser.findElement(By.className("number")).getText();
        assertThat(number).matches("INC-\\d{7}");
        forwardedFor(null);
        outbox.sendDue(); // the acknowledgement reaches the hostile address, and nobody else
        assertThat(MailServer.sentTo(greenMail, HOSTILE_EMAIL))
                .anySatisfy(m -> assertThat(m.getSubject()).isEqualTo("[" + number + "] " + subject))
                .allSatisfy(m -> assertThat(addresses(m.getAllRecipients())).containsExactly(HOSTILE_EMAIL));

        JsonNode ticket = mgr.get("/api/tickets/" + number).json();
        assertThat(ticket.get("channel").asText()).isEqualTo("WEB");
        assertThat(ticket.get("subject").asText()).isEqualTo(subject);
        assertSameText("description", lf(ticket.get("description").asText()), description); // a browser posts CRLF
        assertThat(ticket.path("requester").get("name").asText()).isEqualTo(name);

        loginAs("fl1");
        visit("fl1", "/tickets/" + number, "form-ticket", plus(description.lines().toList(), subject, name),
                List.of(name, subject));
    }

    @Test
    void aFormPostOfHostileFieldsWithoutABrowserGetsThePageBackNotAnError() {
        // the same form, posted by a script: every field hostile, the address valid, a choice that is none
        ResponseEntity<String> answer = postForm("198.51.100.78", Map.of("name", MARKUP.get(9), "email", HOSTILE_EMAIL,
                "subject", MARKUP.get(10), "description", HostileCorpus.everything(),
                "impact", "<script>window.__pwned=true</script>"));
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("is not one of the choices")
                .doesNotContain("<script>window", "<img src=x", "<svg onload")
                .contains("&lt;script&gt;window.__pwned=true&lt;/script&gt;");
    }

    // ---------------------------------------------------------------------------------------------
    // Response templates

    @Test
    void aTemplateInsertsTheCustomersNameAndSubjectAsPlainTextNeverAsTemplateOrMarkup() throws Exception {
        assertThat(putTemplate("hostile-echo", "en", Map.of("title", "Echo",
                "body", "Dear {{customer.name}}, about {{ticket.subject}} ({{customer.email}}), {{ticket.number}}.")).status())
                .isEqualTo(200);
        String name = "{{ticket.number}} ${7*7} [[${7*7}]] #{7*7} <script>window.__pwned=true</script>";
        String subject = "{{{customer.email}}} {{#ticket}}x{{/ticket}} <img src=x onerror=window.__pwned=true>";
        String number = open(fl1, subject, "Please echo", name, "template-echo@example.com");

        Response reply = fl1.post("/api/tickets/" + number + "/articles",
                Map.of("kind", "PUBLIC_REPLY", "body", "Hello.", "template", "hostile-echo"));
        assertThat(reply.status()).isEqualTo(201);
        JsonNode conversation = reply.json().get("conversation");
        String body = conversation.get(conversation.size() - 1).get("body").asText();
        String rendered = "Dear " + name + ", about " + subject + " (template-echo@example.com), " + number + ".";
        assertThat(body).isEqualTo("Hello.\n\n" + rendered);

        outbox.sendDue();
        List<MimeMessage> sent = MailServer.sentTo(greenMail, "template-echo@example.com");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getContentType()).startsWith("text/plain");
        assertThat(((String) sent.get(0).getContent()).replace("\r\n", "\n")).startsWith("Hello.\n\n" + rendered);

        loginAs("fl1");
        visit("fl1", "/tickets/" + number, "template-reply", List.of(rendered, name, subject), List.of(rendered));
    }

    // ---------------------------------------------------------------------------------------------
    // Mail headers

    @Test
    void lineBreaksInNamesAndSubjectsInjectNoHeaderAndNoRecipientIntoAcknowledgementsOrReplies() throws Exception {
        // a language of its own, so that only these tickets get an acknowledgement that has the name in its subject
        assertThat(putTemplate("acknowledgement", "zz", Map.of("title", "Header test",
                "subject", "Welcome {{customer.name}} [{{ticket.number}}] {{ticket.subject}}",
                "body", "Dear {{customer.name}}, we have {{ticket.number}}.")).status()).isEqualTo(200);

        String name = "Eve" + INJECTED;
        String subject = "Scanner jam" + INJECTED;
        deliver(RawMail.from(word(name, "B") + " <crlf-b@example.com>", MailServer.SUPPORT, "crlf-b@example.com")
                .header("Content-Language", "zz").header("Subject", word(subject, "B"))
                .text("plain", "It jams.", "UTF-8", "8bit"));
        deliver(RawMail.from(word(name, "Q") + " <crlf-q@example.com>", MailServer.SUPPORT, "crlf-q@example.com")
                .header("Content-Language", "zz").header("Subject", word(subject, "Q"))
                .text("plain", "It jams.", "UTF-8", "8bit"));
        assertThat(pollMailboxes()).containsEntry("OPENED", 2);
        String api = open(fl1, "Printer broken" + INJECTED, "It is broken.", name, "crlf-api@example.com");

        List<String> numbers = new ArrayList<>(List.of(ticketOf("crlf-b@example.com").get("number").asText(),
                ticketOf("crlf-q@example.com").get("number").asText(), api));
        for (String number : numbers) {
            JsonNode ticket = fl1.get("/api/tickets/" + number).json();
            assertThat(ticket.path("requester").get("name").asText()).isEqualTo(name); // stored as sent
            assertThat(fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "PUBLIC_REPLY",
                    "body", "We are on it.")).status()).isEqualTo(201);
        }
        outbox.sendDue();

        assertThat(greenMail.getReceivedMessagesForDomain(VICTIM_DOMAIN)).as("mail to the injected Bcc").isEmpty();
        Map<String, Integer> expected = Map.of("crlf-b@example.com", 2, "crlf-q@example.com", 2, "crlf-api@example.com", 1);
        for (Map.Entry<String, Integer> customer : expected.entrySet()) {
            List<MimeMessage> mails = MailServer.sentTo(greenMail, customer.getKey());
            assertThat(mails).as(customer.getKey()).hasSize(customer.getValue());
            for (MimeMessage mail : mails) {
                assertThat(addresses(mail.getAllRecipients())).containsExactly(customer.getKey());
                List<String> headerNames = new ArrayList<>();
                for (Header h : Collections.list(mail.getAllHeaders())) {
                    headerNames.add(h.getName().toLowerCase());
                }
                assertThat(headerNames).doesNotContain("bcc", "x-injected").containsOnlyOnce("subject", "to", "from");
                for (String line : Collections.list(mail.getAllHeaderLines())) {
                    String[] physical = line.split("\r\n|\r|\n");
                    for (int i = 1; i < physical.length; i++) { // a line break in a header is a fold, never a new header
                        assertThat(physical[i]).as(line).matches("[ \t].*");
                    }
                }
                // the text stayed in the subject, where it does no harm
                assertThat(MimeUtility.unfold(mail.getSubject())).contains("Bcc: victim@" + VICTIM_DOMAIN);
            }
        }
        assertThat(MailServer.sentTo(greenMail, "crlf-b@example.com")).anySatisfy(m ->
                assertThat(MimeUtility.unfold(m.getSubject())).startsWith("Welcome Eve"));
    }

    // ---------------------------------------------------------------------------------------------
    // Exports

    @Test
    void formulaLikeCustomerTextStaysTextInEveryCsvAndXlsxExport() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (String formula : FORMULAS) {
            String number = open(fl1, formula, formula, formula, "formula@example.com");
            numbers.add(number);
            assertThat(fl1.post("/api/tickets/" + number + "/priority", Map.of("impact", "HIGH", "urgency", "MEDIUM",
                    "reason", formula)).status()).isEqualTo(200);
        }
        // every ticket answered (a first response decided that day), one of them late (a breach that day)
        String late = numbers.get(0);
        for (String number : numbers.subList(1, numbers.size())) {
            assertThat(fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "PUBLIC_REPLY",
                    "body", FORMULAS.get(0))).status()).isEqualTo(201);
        }
        assertThat(timers.advanceAndFire(fl1.get("/api/tickets/" + late).json().get("processInstanceId").asText(),
                Duration.ofHours(2))).isPositive();
        assertThat(fl1.post("/api/tickets/" + late + "/articles", Map.of("kind", "PUBLIC_REPLY",
                "body", FORMULAS.get(0))).status()).isEqualTo(201);

        Map<String, ApiClient> exports = new LinkedHashMap<>();
        exports.put("/api/reports/sla-compliance?" + THAT_DAY, mgr);
        exports.put("/api/reports/breaches?" + THAT_DAY, mgr);
        exports.put("/api/audit/log?" + THAT_DAY, aud);
        exports.put("/api/audit/tickets/" + late + "?zone=Europe/Moscow", aud);
        for (Map.Entry<String, ApiClient> export : exports.entrySet()) {
            String path = export.getKey();
            Download csv = export.getValue().download(path + "&format=csv");
            assertThat(csv.status()).as(path).isEqualTo(200);
            List<String> cells = csvCells(csv.text());
            assertThat(cells).as(path + " (CSV)").noneMatch(looksLikeAFormula());
            Download xlsx = export.getValue().download(path + "&format=xlsx");
            assertThat(xlsx.status()).as(path).isEqualTo(200);
            List<Cell> xlsxCells = xlsxCells(xlsx.body());
            assertThat(xlsxCells).as(path + " (XLSX)").noneMatch(c -> c.getCellType() == CellType.FORMULA);
            List<String> strings = xlsxCells.stream().filter(c -> c.getCellType() == CellType.STRING)
                    .map(Cell::getStringCellValue).toList();
            // the customer's text is all there: as text (CSV with the apostrophe Excel hides), exactly as typed
            List<String> expected = path.contains("breaches") || path.contains("/audit/tickets/") ? List.of(FORMULAS.get(0))
                    : FORMULAS; // every subject (SLA compliance), every reason (the audit log)
            for (String formula : expected) {
                assertThat(cells).as(path + " (CSV) has " + formula).anyMatch(c -> c.startsWith("'" + formula));
                assertThat(strings).as(path + " (XLSX) has " + formula).anyMatch(c -> c.startsWith(formula));
            }
        }
    }

    @Test
    void aMessageLongerThanASpreadsheetCellIsExportedWholeInCsvAndCutWithANoteInXlsx() throws Exception {
        String number = open(fl1, "Long log", "See the log", "Log Sender", "long@example.com");
        String log = "=LOG " + "0123456789".repeat(4_000) + " END";
        assertThat(fl1.customerWrites(number, log).status()).isEqualTo(201);

        Download csv = aud.download("/api/audit/tickets/" + number + "?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csvCells(csv.text())).contains("'" + log);

        Download xlsx = aud.download("/api/audit/tickets/" + number);
        assertThat(xlsx.status()).isEqualTo(200);
        List<String> strings = xlsxCells(xlsx.body()).stream().filter(c -> c.getCellType() == CellType.STRING)
                .map(Cell::getStringCellValue).toList();
        assertThat(strings).anySatisfy(s -> assertThat(s).startsWith(log.substring(0, 30_000))
                .hasSizeLessThanOrEqualTo(32_767).contains("CSV"));
    }

    // ---------------------------------------------------------------------------------------------
    // Size, control characters, Unicode tricks

    @Test
    void aTenMegabyteSingleLineBodyIsRefusedByTheApiAndTheFormNamingTheLimitAndKeptWholeFromMail() throws Exception {
        String huge = HostileCorpus.singleLine(10 * 1024 * 1024, " <script>window.__pwned=true</script> END");

        Response ticket = fl1.post("/api/tickets", Map.of("subject", "Huge", "description", huge,
                "requester", Map.of("email", "huge@example.com")));
        assertThat(ticket.status()).isEqualTo(400);
        assertThat(ticket.errorFields()).containsExactly("description");
        String number = open(fl1, "Huge follow-ups", "short", null, "huge@example.com");
        String overLimit = HostileCorpus.singleLine(100_001, " END"); // the same limit; 10 MB once is enough
        Response message = fl1.post("/api/tickets/" + number + "/customer-messages", Map.of("body", overLimit));
        assertThat(message.status()).isEqualTo(400);
        assertThat(message.errorFields()).containsExactly("body");
        Response article = fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "INTERNAL_NOTE",
                "body", overLimit));
        assertThat(article.status()).isEqualTo(400);
        assertThat(article.errorFields()).containsExactly("body");
        assertThat(fl1.get("/api/tickets/" + number).json().get("conversation")).hasSize(1); // nothing half-written

        // the form refuses it from its Content-Length, before reading any of it (so the client need not send it)
        String form = answerToAnnouncedUpload("/support", "description=".length() + huge.length(), "198.51.100.79");
        assertThat(form).startsWith("HTTP/1.1 413").contains("application/problem+json", "at most 64 KB");

        // mail has no text limit: the message becomes a ticket and nothing of it is lost
        deliver(RawMail.from("huge <huge-mail@example.com>", MailServer.SUPPORT, "huge-mail@example.com")
                .subject("Huge mail").text("plain", huge, "UTF-8", "8bit"));
        assertThat(pollMailboxes()).containsEntry("OPENED", 1);
        String mailed = jdbc.sql("select description from ticket where id = (select ticket_id from inbound_mail"
                + " where message_id = 'huge-mail@example.com')").query(String.class).single();
        assertThat(mailed).hasSize(huge.length()).isEqualTo(huge);
        ResponseEntity<String> page = rest.withBasicAuth("fl1", TestFixtures.PASSWORD).getForEntity("/tickets/"
                + ticketOf("huge-mail@example.com").get("number").asText(), String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("&lt;script&gt;window.__pwned=true&lt;/script&gt; END")
                .doesNotContain("<script>window.__pwned");
    }

    @Test
    void aNulCharacterIsRefusedNamingTheFieldByTheApiAndTheFormAndReplacedInMailThatIsNeverLost() throws Exception {
        String nul = "Nul\u0000byte";
        Map<String, Map<String, Object>> bodies = Map.of(
                "subject", Map.of("subject", nul, "description", "fine", "requester", Map.of("email", "nul@example.com")),
                "description", Map.of("subject", "fine", "description", nul, "requester", Map.of("email", "nul@example.com")),
                "requester.name", Map.of("subject", "fine", "description", "fine",
                        "requester", Map.of("name", nul, "email", "nul@example.com")));
        bodies.forEach((field, body) -> {
            Response refused = fl1.post("/api/tickets", body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorFields()).containsExactly(field);
            assertThat(refused.json().path("errors").get(0).get("reason").asText()).contains("U+0000");
        });
        String number = open(fl1, "Nul follow-ups", "fine", null, "nul@example.com");
        for (Response refused : List.of(fl1.post("/api/tickets/" + number + "/customer-messages", Map.of("body", nul)),
                fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "INTERNAL_NOTE", "body", nul)))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorFields()).containsExactly("body");
        }
        assertThat(fl1.get("/api/tickets/" + number).json().get("conversation")).hasSize(1);

        // the form says so next to the field, and stores nothing
        ResponseEntity<String> form = postForm("198.51.100.80", Map.of("email", "nul-form@example.com",
                "subject", "Nul", "description", nul));
        assertThat(form.getStatusCode().value()).isEqualTo(200);
        assertThat(form.getBody()).contains("must not contain the character U+0000").doesNotContain("INC-");
        assertThat(jdbc.sql("select count(*) from ticket where requester_email = 'nul-form@example.com'")
                .query(Integer.class).single()).isZero();

        // mail has no one to ask: the message becomes a ticket, the NUL shown as U+FFFD, and the history says why
        MailServer.deliver(greenMail, MailServer.SUPPORT, RawMail.from(word(nul, "B") + " <nul-mail@example.com>",
                MailServer.SUPPORT, "nul-mail@example.com").header("Subject", word(nul, "Q"))
                .text("plain", nul, "UTF-8", "8bit").bytes());
        assertThat(pollMailboxes()).containsEntry("OPENED", 1);
        JsonNode mailed = ticketOf("nul-mail@example.com");
        assertThat(mailed.get("subject").asText()).isEqualTo("Nul\uFFFDbyte");
        assertThat(mailed.get("description").asText()).isEqualTo("Nul\uFFFDbyte");
        assertThat(mailed.path("requester").get("name").asText()).isEqualTo("Nul\uFFFDbyte");
        assertThat(mailed.path("history").findValuesAsText("detail")).anyMatch(d -> d.contains("U+0000"));
    }

    @Test
    void otherControlCharactersAndLoneSurrogatesAreKeptOrReplacedWithoutAnError() throws Exception {
        String controls = "Bell \u0007 escape \u001b[31m red \u007f del \u0085 nel \u2028 ls \u2029 ps \ud800 lone end";
        // escaped in the JSON (\\uD800 ...), so that the server itself decodes the lone surrogate
        String json = new ObjectMapper().writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                .writeValueAsString(Map.of("subject", controls, "description", controls,
                        "requester", Map.of("name", controls, "email", "controls@example.com")));
        assertThat(json).contains("\\uD800");
        Response created = fl1.post("/api/tickets", json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String number = created.json().get("number").asText();
        JsonNode stored = fl1.get("/api/tickets/" + number).json();
        // everything but the lone surrogate (which UTF-8 cannot encode) as sent
        String expected = controls.replace("\ud800", "?");
        assertThat(stored.get("subject").asText()).isEqualTo(expected);
        assertThat(stored.get("description").asText()).isEqualTo(expected);

        loginAs("fl1");
        visit("fl1", "/tickets/" + number, "controls", List.of("Bell", "escape", "lone end"), List.of());
    }

    @Test
    void bidiOverridesAndZeroWidthCharactersInNamesAreStoredAsSentAndShownAsText() throws Exception {
        String subject = "Invoice " + ZERO_WIDTH_NAME + " \u202Etxt.exe";
        String bidi = open(fl1, subject, "From " + BIDI_NAME, BIDI_NAME, "bidi@example.com");
        String zero = open(fl1, "Zero width", "From " + ZERO_WIDTH_NAME, ZERO_WIDTH_NAME, "zero@example.com");
        deliver(RawMail.from(word(BIDI_NAME, "B") + " <bidi-mail@example.com>", MailServer.SUPPORT, "bidi-mail@example.com")
                .header("Subject", word(subject, "B")).text("plain", ZERO_WIDTH_NAME, "UTF-8", "quoted-printable"));
        assertThat(pollMailboxes()).containsEntry("OPENED", 1);
        JsonNode mailed = ticketOf("bidi-mail@example.com");

        assertThat(fl1.get("/api/tickets/" + bidi).json().path("requester").get("name").asText()).isEqualTo(BIDI_NAME);
        assertThat(fl1.get("/api/tickets/" + bidi).json().get("subject").asText()).isEqualTo(subject);
        assertThat(fl1.get("/api/tickets/" + zero).json().path("requester").get("name").asText()).isEqualTo(ZERO_WIDTH_NAME);
        assertThat(mailed.path("requester").get("name").asText()).isEqualTo(BIDI_NAME);
        assertThat(mailed.get("subject").asText()).isEqualTo(subject);
        assertThat(mailed.get("description").asText()).isEqualTo(ZERO_WIDTH_NAME);

        loginAs("fl1");
        visit("fl1", "/tickets/" + bidi, "bidi-api", List.of(), List.of(BIDI_NAME, subject));
        visit("fl1", "/tickets/" + zero, "zero-width-api", List.of(), List.of(ZERO_WIDTH_NAME));
        visit("fl1", "/tickets/" + mailed.get("number").asText(), "bidi-mail", List.of(), List.of(BIDI_NAME, subject,
                ZERO_WIDTH_NAME));
        visit("fl1", "/work", "bidi-work-list", List.of(), List.of(subject));
    }

    // ---------------------------------------------------------------------------------------------
    // The browser

    /**
     * Runs in the page after a moment (handlers of failed images fire asynchronously, a local 404 takes a few
     * milliseconds): the marker, every
     * element and attribute that could run script or leave the page, and whether the expected text is shown.
     * The console's own markup uses only the elements below and no event attributes; customer content may
     * only ever appear as text.
     */
    private static final String CHECK = """
            const [expected, exact, scopeSelector] = arguments;
            const done = arguments[arguments.length - 1];
            setTimeout(() => {
              const root = scopeSelector ? document.querySelector(scopeSelector) : document.documentElement;
              const own = [location.origin + '/webjars/', location.origin + '/console/']; // console.css, support.css: named by their content
              const vocabulary = new Set(['html', 'head', 'meta', 'title', 'link', 'script', 'style', 'body', 'nav',
                'main', 'section', 'article', 'header', 'div', 'p', 'span', 'a', 'h1', 'h2', 'small', 'strong', 'pre',
                'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'form', 'label', 'input', 'select', 'option',
                'textarea', 'button', 'canvas', 'b', 'i', 'em', 'u', 'br', 'blockquote', 'code', 'q', 'cite', 'sub', 'sup',
                'strike', 'dl', 'dt', 'dd', 'ol']);
              const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster',
                'background', 'srcset', 'ping', 'cite', 'codebase', 'lowsrc', 'dynsrc', 'manifest', 'icon', 'longdesc']);
              const problems = [];
              for (const el of [root, ...root.querySelectorAll('*')]) {
                // the ticket's process diagram (bpmn-js SVG) is drawn from the process model, never from
                // what a customer sent; the text checks below still read the whole page
                if (el.closest('#studio')) continue;
                const tag = el.tagName.toLowerCase();
                if (!vocabulary.has(tag)) problems.push('<' + tag + '> element');
                if (tag === 'script' && !(el.src && own.some(p => el.src.startsWith(p))))
                  problems.push('script not from the application: ' + (el.src || el.textContent.slice(0, 80)));
                if (tag === 'style' && el.parentElement && el.parentElement.tagName.toLowerCase() !== 'head')
                  problems.push('<style> in the body');
                if (tag === 'link' && !(el.rel === 'stylesheet' && own.some(p => el.href.startsWith(p))))
                  problems.push('<link> to ' + el.href);
                if (tag === 'meta' && el.httpEquiv) problems.push('<meta http-equiv="' + el.httpEquiv + '">');
                if (tag === 'form' && new URL(el.getAttribute('action') || '', location.href).origin !== location.origin)
                  problems.push('<form> posting to ' + el.getAttribute('action'));
                for (const attribute of el.attributes) {
                  const name = attribute.name.toLowerCase();
                  if (name.startsWith('on')) problems.push('<' + tag + '> has the event attribute ' + name);
                  // Chart.js sizes its own canvases with a style attribute; nothing else may have one
                  if ((name === 'style' && !(tag === 'canvas' && el.id.endsWith('-chart'))) || name === 'srcdoc')
                    problems.push('<' + tag + '> has the attribute ' + name);
                  if ((name.startsWith('hx-') || name.startsWith('data-hx-'))
                      && !(el.id === 'rows' || el.id === 'at-risk' || el.closest('#priority-form')))
                    problems.push('<' + tag + '> has the htmx attribute ' + name);
                  const value = attribute.value.replace(/[\\u0000-\\u0020\\u007f]/g, '').toLowerCase();
                  if (urlAttributes.has(name) && /^(javascript|data|vbscript):/.test(value))
                    problems.push('<' + tag + ' ' + name + '="' + attribute.value + '">');
                }
              }
              for (const a of root.querySelectorAll('a[href], area[href]')) {
                const scheme = new URL(a.href, location.href).protocol;
                if (['javascript:', 'data:', 'vbscript:'].includes(scheme)) problems.push('a link to ' + scheme);
              }
              const norm = s => s.replace(/\\s+/g, ' ').trim();
              const shown = norm(root.innerText || '');
              const raw = root.textContent || '';
              done({
                pwned: typeof window.__pwned !== 'undefined',
                problems: problems,
                missing: expected.filter(e => !shown.includes(norm(e))),
                missingExactly: exact.filter(e => !raw.includes(e))
              });
            }, 100);""";

    /**
     * Opens a page: the server answers 200 to this user, and in the browser the page is safe and shows the text
     * ({@code shown}: as the eye reads it, white space aside; {@code exactly}: character for character).
     */
    private void visit(String user, String path, String name, List<String> shown, List<String> exactly) throws IOException {
        ResponseEntity<String> page = rest.withBasicAuth(user, TestFixtures.PASSWORD).getForEntity(path, String.class);
        assertThat(page.getStatusCode().value()).as(user + " " + path).isEqualTo(200);
        browser().get(url(path));
        assertThat(browser.getCurrentUrl()).as(path).endsWith(path);
        assertPageIsSafe(name, shown, exactly, null);
    }

    /** {@code name}: of the screenshot, and in the messages; null for no screenshot (then the URL names the page). */
    @SuppressWarnings("unchecked")
    private void assertPageIsSafe(String name, List<String> shown, List<String> exactly, String scope) throws IOException {
        if (name != null) {
            shot(name);
        } else {
            name = browser().getCurrentUrl();
        }
        Map<String, Object> report = inspect(shown, exactly, scope);
        assertThat(report.get("pwned")).as(name + ": " + HostileCorpus.MARKER_NAME + " was set: a payload ran").isEqualTo(false);
        assertThat((List<String>) report.get("problems")).as(name + ": markup from customer content").isEmpty();
        assertThat((List<String>) report.get("missing")).as(name + ": text not shown").isEmpty();
        assertThat((List<String>) report.get("missingExactly")).as(name + ": text not shown exactly as stored").isEmpty();
    }

    /** What {@link #CHECK} finds in the page (or in the element {@code scope} selects). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> inspect(List<String> shown, List<String> exactly, String scope) {
        return (Map<String, Object>) ((JavascriptExecutor) browser()).executeAsyncScript(CHECK, shown, exactly, scope);
    }

    private static WebDriver browser() {
        Assumptions.assumeTrue(browser != null, "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        return browser;
    }

    private void loginAs(String user) {
        if (user.equals(loggedIn)) {
            return;
        }
        forgetSession(); // the previous user's session is gone
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestFixtures.PASSWORD);
        navigate(By.id("login"));
        assertThat(browser.getCurrentUrl()).doesNotContain("/login");
        loggedIn = user;
    }

    /** No session, and the requests come through a proxy that reports this client address. */
    private void visitAnonymously(String clientAddress) {
        forgetSession();
        forwardedFor(clientAddress);
    }

    private static void forgetSession() {
        ((ChromeDriver) browser()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        loggedIn = null;
    }

    /** The web form's rate limit is per client address; the browser gets one of its own (null: none). */
    private static void forwardedFor(String address) {
        ChromeDriver chrome = (ChromeDriver) browser();
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", address == null ? Map.of() : Map.of("X-Forwarded-For", address)));
    }

    private static void fill(Map<String, String> fields) {
        fields.forEach((id, value) -> ((JavascriptExecutor) browser).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1];", id, value));
    }

    private static List<String> values(String... ids) {
        List<String> values = new ArrayList<>();
        for (String id : ids) {
            values.add((String) ((JavascriptExecutor) browser).executeScript(
                    "return document.getElementById(arguments[0]).value;", id));
        }
        return values;
    }

    /** Clicks something that loads a new page and waits until the new page is there. */
    private static void navigate(By target) {
        HeadlessChromium.clickAndAwaitNewPage(browser, target, Duration.ofSeconds(15));
    }

    private static void shot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser()).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(String.format("hostile-%02d-%s.png", ++screenshots, name)),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private String open(ApiClient agent, String subject, String description, String name, String email) {
        Map<String, Object> requester = new LinkedHashMap<>();
        if (name != null) {
            requester.put("name", name);
        }
        requester.put("email", email);
        Response r = agent.post("/api/tickets", Map.of("subject", subject, "description", description,
                "requester", requester, "channel", "PHONE"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("number").asText();
    }

    private Response putTemplate(String name, String language, Map<String, ?> body) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth("po", TestFixtures.PASSWORD);
        ObjectMapper json = new ObjectMapper();
        ResponseEntity<String> r = rest.exchange("/api/templates/" + name + "/" + language, HttpMethod.PUT,
                new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
        return new Response(r.getStatusCode().value(), json.readTree(r.getBody() == null ? "null" : r.getBody()),
                r.getHeaders());
    }

    /**
     * Announces a form post of {@code length} bytes (Expect: 100-continue) and returns the final answer's status
     * line, headers and the start of its body, without sending the body.
     */
    private String answerToAnnouncedUpload(String path, long length, String client) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length
                    + "\r\nExpect: 100-continue\r\nX-Forwarded-For: " + client + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            while (status != null && status.startsWith("HTTP/1.1 100")) { // "go on" (Tomcat says it at once): not the answer
                in.readLine();
                status = in.readLine();
            }
            StringBuilder answer = new StringBuilder(String.valueOf(status)).append('\n');
            for (String line = in.readLine(); line != null && !answer.toString().contains("}"); line = in.readLine()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        }
    }

    /** Opens the public form as a client behind a proxy (its own address: its own rate limit) and posts it. */
    private ResponseEntity<String> postForm(String client, Map<String, String> fields) {
        ResponseEntity<String> page = rest.exchange("/support", HttpMethod.GET, new HttpEntity<>(forwarded(client)),
                String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        HttpHeaders headers = forwarded(client);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, page.getHeaders().get(HttpHeaders.SET_COOKIE).get(0).split(";")[0]);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", page.getBody().replaceAll("(?s).*name=\"_csrf\" content=\"([^\"]+)\".*", "$1"));
        fields.forEach(form::add);
        return rest.exchange("/support", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    private static HttpHeaders forwarded(String client) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Forwarded-For", client);
        return headers;
    }

    private void deliver(RawMail mail) {
        MailServer.deliver(greenMail, MailServer.SUPPORT, mail.bytes());
    }

    /** The mailbox poller is internal to the e-mail channel; the test calls it as the scheduler would. */
    private Map<String, Integer> pollMailboxes() {
        Map<?, ?> result = ReflectionTestUtils.invokeMethod(context.getBean("mailboxPoller"), "pollAll");
        Map<String, Integer> counts = new TreeMap<>();
        result.forEach((outcome, n) -> counts.put(outcome.toString(), (Integer) n));
        return counts;
    }

    private JsonNode ticketOf(String messageId) {
        Long ticketId = jdbc.sql("select ticket_id from inbound_mail where message_id = ?").param(messageId)
                .query(Long.class).single();
        return adm.get("/api/tickets/" + String.format("INC-%07d", ticketId)).json();
    }

    /**
     * An RFC 2047 encoded word, always encoded (MimeUtility leaves ASCII as it is — with its line breaks,
     * which would make real headers of the test's own message instead of text inside one).
     */
    private static String word(String text, String encoding) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (encoding.equals("B")) {
            return "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(bytes) + "?=";
        }
        StringBuilder q = new StringBuilder("=?UTF-8?Q?");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == ' ') {
                q.append('_');
            } else if (Character.isLetterOrDigit(c) && c < 128) {
                q.append((char) c);
            } else {
                q.append(String.format("=%02X", c));
            }
        }
        return q.append("?=").toString();
    }

    /** Sanitised customer HTML: only harmless formatting and http(s)/mailto links remain. */
    private static void assertHarmlessHtml(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.body().select("script, style, iframe, frame, object, embed, svg, math, img, base, meta, link, form,"
                + " input, button, textarea, details, noscript")).as(html).isEmpty();
        for (Element el : doc.body().getAllElements()) {
            for (Attribute a : el.attributes()) {
                assertThat(a.getKey().toLowerCase()).as(html).doesNotStartWith("on").isNotIn("style", "srcdoc")
                        .doesNotStartWith("hx-");
                if (a.getKey().equalsIgnoreCase("href")) {
                    assertThat(a.getValue().replaceAll("[\\x00-\\x20]", "").toLowerCase()).as(html)
                            .matches("(https?|mailto):.*");
                }
            }
        }
    }

    /** Equal texts; if not, where they part (with the code points there: the differences are often invisible). */
    private static void assertSameText(String what, String actual, String expected) {
        int i = 0;
        while (i < actual.length() && i < expected.length() && actual.charAt(i) == expected.charAt(i)) {
            i++;
        }
        if (i < actual.length() || i < expected.length()) {
            throw new AssertionError(what + " differs at " + i + ": expected " + codePoints(expected, i) + " but was "
                    + codePoints(actual, i));
        }
    }

    private static String codePoints(String s, int from) {
        StringBuilder out = new StringBuilder("[");
        s.substring(Math.min(from, s.length()), Math.min(s.length(), from + 12)).codePoints()
                .forEach(c -> out.append(c < 128 && c >= 32 ? String.valueOf((char) c) : String.format("U+%04X", c)).append(' '));
        return out.append("…] of ").append(s.length()).toString();
    }

    private static List<String> addresses(Address[] recipients) {
        List<String> out = new ArrayList<>();
        for (Address a : recipients) {
            out.add(((InternetAddress) a).getAddress());
        }
        return out;
    }

    /** A cell a spreadsheet would evaluate: starts with = + - @ tab or CR, and is not simply a number. */
    private static Predicate<String> looksLikeAFormula() {
        return cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d+(\\.\\d+)?");
    }

    private static List<String> csvCells(String text) throws IOException {
        List<String> cells = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))) {
            record.forEach(cells::add);
        }
        return cells;
    }

    private static List<Cell> xlsxCells(byte[] xlsx) throws IOException {
        List<Cell> cells = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    row.forEach(cells::add);
                }
            }
        }
        return cells;
    }

    /** Payloads joined into as few texts of at most {@code max} characters as they fit. */
    private static List<String> packed(List<String> parts, int max) {
        List<String> packed = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String part : parts) {
            if (current.length() > 0 && current.length() + 1 + part.length() > max) {
                packed.add(current.toString());
                current.setLength(0);
            }
            current.append(current.length() > 0 ? " " : "").append(part);
        }
        if (current.length() > 0) {
            packed.add(current.toString());
        }
        return packed;
    }

    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    private static List<String> plus(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

}
