package org.linedesk.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.EngineTimers;
import org.linedesk.support.HeadlessChromium;
import org.linedesk.support.IntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real browser: Debian's chromium, headless, driven by Selenium through Debian's
 * chromedriver (.ci/run installs both). Screenshots of every step go to target/e2e-screenshots.
 */
@IntegrationTest
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    /**
     * Monday 25 November 2019, 10:00 in Moscow: working hours, so the SLA clocks run; earlier than any
     * other test's tickets, so this test's breach heads the dashboard's at-risk list (the 50 most overdue)
     * and its tickets the work list, whatever ran before in the shared database.
     */
    static final Instant MONDAY_10_MSK = Instant.parse("2019-11-25T07:00:00Z");

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    EngineTimers timers;
    @Autowired
    org.linedesk.identity.IdentityBootstrap identity;
    @Autowired
    org.linedesk.workflow.ProcessStudio studio;
    @Autowired
    org.linedesk.workflow.DeployedProcesses processes;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(HeadlessChromium.installed(),
                "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        browser = HeadlessChromium.start(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void resetClock() {
        timers.reset();
        // each test starts logged out, whatever the one before left behind
        browser.get(url("/login"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void firstLineClaimsRepliesFromATemplateAndHandsOverSecondLineResolvesManagerSeesABreach() throws IOException {
        timers.setTime(Date.from(MONDAY_10_MSK));
        String number = new ApiClient(rest).as("fl1").createTicket("Browser: forgot my password");

        // first line: log in, find the ticket in the work list, claim it
        login("fl1");
        assertThat(browser.getCurrentUrl()).endsWith("/work");
        shot("01-work-list");
        // a new ticket appears in the open work list by itself (htmx refresh every 10 s, no reload)
        String arrived = new ApiClient(rest).as("fl2").createTicket("Browser: arrived while looking");
        new WebDriverWait(browser, Duration.ofSeconds(25)).until(d -> !d.findElements(By.id("row-" + arrived)).isEmpty());
        navigate(By.id("claim-" + number));
        assertThat(browser.getCurrentUrl()).endsWith("/tickets/" + number);
        assertThat(browser.findElement(By.id("assignee")).getText()).isEqualTo("with fl1");
        assertThat(browser.findElement(By.id("requester-email")).getText()).isEqualTo("iv…@e…com");
        shot("02-claimed");

        // reply from a template, then hand over to Passwords
        new Select(browser.findElement(By.id("template"))).selectByValue("password-reset");
        browser.findElement(By.id("reply")).sendKeys("Hello Ivan,");
        navigate(By.id("send-reply"));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).isEqualTo("Reply sent.");
        assertThat(browser.findElement(By.cssSelector(".conversation")).getText()).contains("Hello Ivan,");
        new Select(browser.findElement(By.id("handover-group"))).selectByValue("passwords");
        browser.findElement(By.id("reason")).sendKeys("account access");
        shot("03-replied-handing-over");
        navigate(By.id("action-hand-over"));
        // the ticket left fl1's groups: fl1 may no longer see it
        assertThat(browser.getPageSource()).contains("Not allowed");
        logout();

        // second line: resolve with an answer
        login("pw1");
        browser.get(url("/tickets/" + number));
        assertThat(browser.findElement(By.id("group")).getText()).isEqualTo("passwords");
        browser.findElement(By.id("reply")).sendKeys("Your password has been reset; please set a new one.");
        shot("04-second-line");
        navigate(By.id("action-resolve"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("RESOLVED");
        shot("05-resolved");
        logout();

        // a P1 ticket left unanswered breaches; the manager sees it on the dashboard
        ApiClient agent = new ApiClient(rest).as("fl1");
        var urgent = agent.post("/api/tickets", Map.of("subject", "Browser: whole office offline",
                "description", "Nobody can work", "requester", Map.of("email", "office@example.com"),
                "impact", "HIGH", "urgency", "HIGH"));
        assertThat(urgent.status()).as(urgent.toString()).isEqualTo(201);
        String urgentNumber = urgent.json().get("number").asText();
        String process = agent.get("/api/tickets/" + urgentNumber).json().get("processInstanceId").asText();
        assertThat(timers.advanceAndFire(process, Duration.ofHours(1))).isPositive(); // P1: first response in 15 min
        login("mgr");
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard");
        var row = browser.findElement(By.xpath("//table[@id='at-risk']//tr[td/a[text()='" + urgentNumber + "']]"));
        assertThat(row.findElement(By.className("state")).getText()).isEqualTo("BREACHED");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return typeof Chart !== 'undefined' && Chart.getChart('intake-chart') !== undefined"));
        shot("06-dashboard-breach");
        assertNoPolicyViolations();
        logout();
    }

    @Test
    void processOwnersUseCockpitAndEveryoneTheApiDocsUnderThePagePolicies() throws IOException {
        login("po");
        assertThat(browser.getCurrentUrl()).endsWith("/processes");
        assertThat(browser.findElement(By.id("definitions")).getText()).contains("incident");
        assertNoPolicyViolations();

        // Cockpit trusts the console's login and shows the process owner the deployed processes (read-only).
        browser.get(url("/camunda/app/cockpit/default/#/processes"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(
                "a[href*='process-definition/incident']")).stream().anyMatch(a -> a.getText().contains("Incident")));
        shot("07-cockpit-process-owner");
        browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER); // Cockpit has its own policy

        // Swagger UI renders under the page policy (no inline script), with the API's description.
        browser.get(url("/swagger-ui/index.html"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
        shot("08-api-docs");
        assertNoPolicyViolations();
        browser.get(url("/processes"));
        logout();
    }

    /**
     * The process studio: pavel (process owner) adds an action to Triage in the editor's LineDesk panel,
     * deploys; anna (first line) is offered it on a new ticket; pavel migrates an older ticket, which then
     * offers it too; the ticket page draws the ticket's process with its current step.
     */
    @Test
    void aProcessOwnerAddsAnActionInTheEditorDeploysAndMigratesAnOlderTicket() throws IOException {
        identity.ensureUser("pavel", "Pavel", "Process owner", "pavel@test.example", "secret");
        identity.ensureMembership("pavel", org.linedesk.identity.Role.PROCESS_OWNER.groupId());
        identity.ensureUser("anna", "Anna", "First line", "anna@test.example", "secret");
        identity.ensureMembership("anna", org.linedesk.identity.GroupTypes.FIRST_LINE);
        ApiClient anna = new ApiClient(rest).as("anna");
        String older = anna.createTicket("Browser: started on the old version");
        int before = processes.latest("incident").orElseThrow().version();
        try {
            login("pavel");
            assertThat(browser.getCurrentUrl()).endsWith("/processes");
            navigate(By.id("edit-incident"));
            awaitStudio();
            browser.findElement(By.cssSelector("g.djs-element[data-element-id='Task_Triage']")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("ld-action-id")).isEmpty());
            browser.findElement(By.id("ld-action-id")).sendKeys("to-abuse");
            browser.findElement(By.id("ld-action-label")).sendKeys("Forward to Abuse");
            browser.findElement(By.id("ld-accepts-reason")).click();
            new Select(browser.findElement(By.id("ld-action-group"))).selectByValue("abuse");
            new Select(browser.findElement(By.id("ld-action-route"))).selectByValue("Flow_TriageHandOver");
            browser.findElement(By.id("ld-action-add")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(".ld-action-remove"))
                    .stream().anyMatch(b -> "to-abuse".equals(b.getDomAttribute("data-action"))));
            shot("09-studio-action-added");
            browser.findElement(By.id("validate")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("status")).getText().startsWith("Valid"));
            HeadlessChromium.clickAndAwaitNewPage(browser, By.id("deploy"), Duration.ofSeconds(30));
            assertThat(browser.getCurrentUrl()).endsWith("/processes");
            int deployed = before + 1;
            assertThat(browser.findElement(By.id("incident-v" + deployed)).getText()).contains("pavel");
            assertNoPolicyViolations();

            // the new version's diagram with its open tickets
            browser.get(url("/processes/incident/versions/" + before));
            awaitStudio();
            assertThat(browser.findElements(By.cssSelector(".ld-count"))).isNotEmpty();
            shot("10-studio-version-counts");
            assertNoPolicyViolations();

            // the two versions compared on their diagrams; the priority matrix in dmn-js's table editor
            browser.get(url("/processes/incident/compare?from=" + before + "&to=" + deployed));
            awaitStudio();
            assertThat(browser.findElements(By.cssSelector("#canvas-right g.ld-changed[data-element-id='Task_Triage']"))).hasSize(1);
            assertThat(browser.findElement(By.id("changes")).getText()).contains("Task_Triage", "extensionElements");
            shot("10b-studio-compare");
            assertNoPolicyViolations();
            browser.get(url("/processes/priority/edit"));
            awaitStudio();
            browser.findElement(By.id("validate")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("status")).getText().startsWith("Valid"));
            shot("10c-studio-decision-table");
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER); // dmn-js's watermark (console.md)
            logout();

            // anna is offered the new action on a new ticket, and sees the ticket's process
            String fresh = anna.createTicket("Browser: started on the new version");
            login("anna");
            browser.get(url("/tickets/" + fresh));
            assertThat(browser.findElements(By.id("action-to-abuse"))).hasSize(1);
            awaitStudio();
            assertThat(browser.findElements(By.cssSelector("g.ld-current[data-element-id='Task_Triage']"))).hasSize(1);
            shot("11-ticket-process");
            browser.get(url("/tickets/" + older));
            assertThat(browser.findElements(By.id("action-to-abuse"))).isEmpty();
            assertNoPolicyViolations();
            logout();

            // pavel moves the older ticket to the new version
            login("pavel");
            browser.get(url("/processes/incident/migrate?from=" + before + "&to=" + deployed));
            assertThat(browser.findElement(By.id("activity-Task_Triage")).getText()).contains("yes");
            browser.findElement(By.id("scope-chosen")).click();
            browser.findElement(By.id("tickets")).sendKeys(older);
            navigate(By.id("migrate"));
            assertThat(browser.findElement(By.id("migrated")).getText()).isEqualTo("1");
            shot("12-migrated");
            logout();
            assertThat(anna.get("/api/tickets/" + older).json().at("/currentTask/actions").toString()).contains("to-abuse");
        } finally {
            studio.deploy("incident.bpmn", new org.springframework.core.io.ClassPathResource("processes/incident.bpmn")
                    .getContentAsByteArray(), "test");
        }
    }

    private static void awaitStudio() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            String ready = d.findElement(By.id("studio")).getDomAttribute("data-ready");
            if ("error".equals(ready)) {
                throw new AssertionError("the studio failed: " + d.findElement(By.tagName("main")).getText());
            }
            return "true".equals(ready);
        });
    }

    /** Nothing the pages need was blocked by the Content-Security-Policy (Chromium logs each block). */
    @Test
    void theGamesDeskSeesItsOwnTicketsOnlyAndItsOwnGroupsToHandOverTo() throws IOException {
        timers.setTime(Date.from(MONDAY_10_MSK));
        String games = new ApiClient(rest).as("gleb").createTicket("Browser: lost my sword");
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        String mail = fl1.createTicket("Browser: mailbox full");

        login("gleb");
        assertThat(browser.getCurrentUrl()).endsWith("/work");
        assertThat(browser.findElements(By.id("row-" + games))).hasSize(1);
        assertThat(browser.findElements(By.id("row-" + mail))).isEmpty();
        shot("20-games-work-list");
        navigate(By.id("claim-" + games));
        List<String> handOverGroups = new Select(browser.findElement(By.id("handover-group"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList();
        assertThat(handOverGroups).contains("games-support").doesNotContain("passwords", "first-line");
        shot("21-games-ticket");
        browser.get(url("/tickets/" + mail));
        assertThat(browser.getPageSource()).contains("No ticket " + mail);
        logout();

        login("greta");
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard");
        assertThat(browser.findElements(By.xpath("//table[@id='at-risk']//a[text()='" + mail + "']"))).isEmpty();
        browser.get(url("/projects"));
        assertThat(browser.findElements(By.id("project-games"))).hasSize(1);
        assertThat(browser.findElements(By.id("project-default"))).isEmpty();
        shot("22-games-manager-projects");
        assertNoPolicyViolations();
        logout();
        fl1.action(mail, "close-spam", Map.of()); // the shared first line stays short for the other tests
    }

    @Test
    void aCustomerRatesFromTheMailsLinkAndTheManagerSeesItOnTheRatingsPage() throws IOException {
        ApiClient fl1 = new ApiClient(rest).as("fl1");
        var created = fl1.post("/api/tickets", Map.of("subject", "Browser: rate me", "description", "Printer jam",
                "requester", Map.of("email", "rater@example.com")));
        String number = created.json().get("number").asText();
        assertThat(fl1.action(number, "resolve", Map.of("reply", "Open tray 2 and pull the sheet.")).status()).isEqualTo(200);
        String body = jdbc.sql("select o.body from outbound_mail o join ticket t on t.id = o.ticket_id "
                + "where t.number = ? and o.purpose = 'REPLY'").param(number).query(String.class).single();
        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("http://localhost:8080(/rate/[A-Z]+-\\d+/[A-Za-z0-9_.-]+)\\?quality=2").matcher(body);
        assertThat(link.find()).as(body).isTrue();

        // the customer clicks "2" in the mail: the page records it by itself, then offers the rest
        browser.get(url(link.group(1) + "?quality=2"));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("saved")).isEmpty());
        assertThat(browser.findElement(By.id("saved")).getText()).contains("quality 2 of 5");
        shot("23-rating-recorded");
        browser.findElement(By.cssSelector("input[name='speed'][value='3']")).click();
        browser.findElement(By.id("comment")).sendKeys("<i>Tray 2</i> was empty");
        navigate(By.cssSelector("#rating-form button[type='submit']"));
        assertThat(browser.findElement(By.id("saved")).getText()).contains("Speed 3 of 5");
        assertThat(browser.findElement(By.id("comment")).getAttribute("value")).isEqualTo("<i>Tray 2</i> was empty");
        assertNoPolicyViolations();

        login("mgr");
        browser.get(url("/ratings"));
        var row = browser.findElement(By.xpath("//table[@id='ratings']//tr[td/a[text()='" + number + "']]"));
        assertThat(row.findElement(By.className("score")).getText()).isEqualTo("2");
        assertThat(row.findElement(By.className("comment")).getText()).isEqualTo("<i>Tray 2</i> was empty");
        shot("24-manager-ratings");
        assertNoPolicyViolations();
        logout();
    }

    private static void assertNoPolicyViolations() {
        assertThat(browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .noneMatch(m -> m.contains("Content Security Policy"));
    }

    private void login(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("secret");
        navigate(By.id("login"));
        assertThat(browser.getCurrentUrl()).doesNotContain("/login");
    }

    private void logout() {
        navigate(By.cssSelector("nav form button"));
        assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
    }

    /** Clicks something that loads a new page and waits until the new page is there (see HeadlessChromium). */
    private static void navigate(By target) {
        HeadlessChromium.clickAndAwaitNewPage(browser, target, Duration.ofSeconds(15));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void shot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
