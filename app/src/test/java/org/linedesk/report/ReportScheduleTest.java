package org.linedesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.linedesk.mail.OutboxWorker;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.linedesk.support.MailServer;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Report subscriptions on Quartz: validation, a schedule missed while "down" (its trigger moved into the
 * past, the time control Quartz offers) runs once and the report arrives by mail, a failing run is
 * recorded and retried.
 */
@IntegrationTest
class ReportScheduleTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final long SCHEDULED_TICKET = 900_000_101L;

    @RegisterExtension
    static GreenMailExtension greenMail = MailServer.extension();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Scheduler scheduler;
    @Autowired
    OutboxWorker outbox;

    ApiClient mgr;

    @BeforeEach
    void setUp() {
        mgr = new ApiClient(rest).as("mgr");
    }

    @Test
    void badSubscriptionsAreRefusedNamingEachField() {
        Response bad = mgr.post("/api/reports/subscriptions", Map.of("name", "Weekly", "report", "everything",
                "format", "pdf", "period", "last-year", "cron", "0 7 * * MON", "zone", "Moscow",
                "recipients", List.of("boss at example.com"), "filters", Map.of("priority", "P9", "colour", "red")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("report", "format", "period", "cron", "zone",
                "recipients[0]", "filters.colour", "filters.priority");
        JsonNode cron = java.util.stream.StreamSupport.stream(bad.json().get("errors").spliterator(), false)
                .filter(e -> e.get("field").asText().equals("cron")).findFirst().orElseThrow();
        assertThat(cron.get("reason").asText()).contains("Quartz cron", "0 0 7 ? * MON-FRI");
        assertThat(mgr.get("/api/reports/subscriptions").json().findValuesAsText("name")).doesNotContain("Weekly");

        assertThat(new ApiClient(rest).as("fl1").get("/api/reports/subscriptions").status()).isEqualTo(403);
    }

    @Test
    void aScheduleMissedWhileDownRunsOnceAfterwardsAndTheReportArrivesByMail() throws Exception {
        LocalDate firstOfMonth = LocalDate.now(MOSCOW).withDayOfMonth(1);
        LocalDate previousMonth = firstOfMonth.minusMonths(1);
        insertBreachIn(previousMonth.plusDays(9));

        Response created = mgr.post("/api/reports/subscriptions", Map.of("name", "Monthly breaches", "report", "breaches",
                "format", "xlsx", "period", "previous-month", "cron", "0 0 0 1 * ?", "zone", "Europe/Moscow",
                "recipients", List.of("reports@linedesk.test"), "filters", Map.of("group", "kpi-sched")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(Instant.parse(created.json().get("nextRun").asText()))
                .isEqualTo(firstOfMonth.plusMonths(1).atStartOfDay(MOSCOW).toInstant());

        // LineDesk "was down" over the 1st: the trigger's due time lies in the past
        TriggerKey key = TriggerKey.triggerKey("subscription-" + id, "report-subscriptions");
        Trigger trigger = scheduler.getTrigger(key);
        scheduler.rescheduleJob(key, trigger.getTriggerBuilder()
                .startAt(Date.from(Instant.now().minus(Duration.ofDays(40)))).build());

        JsonNode run = awaitRun(id, "SENT");
        assertThat(run.get("periodFrom").asText()).isEqualTo(previousMonth.toString());
        assertThat(run.get("periodTo").asText()).isEqualTo(firstOfMonth.minusDays(1).toString());
        assertThat(run.get("rowsWritten").asLong()).isEqualTo(1);
        assertThat(mgr.get("/api/reports/subscriptions/" + id + "/runs").json()).hasSize(1);
        // once: the next firing is the next month's, not another catch-up
        assertThat(scheduler.getTrigger(key).getNextFireTime().toInstant())
                .isEqualTo(firstOfMonth.plusMonths(1).atStartOfDay(MOSCOW).toInstant());

        outbox.sendDue();
        List<MimeMessage> mails = MailServer.sentTo(greenMail, "reports@linedesk.test");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).contains("Monthly breaches", previousMonth.toString());
        Multipart parts = (Multipart) mails.get(0).getContent();
        BodyPart file = parts.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("linedesk-breaches-" + previousMonth + "-to-" + firstOfMonth.minusDays(1)
                + ".xlsx");
        try (InputStream in = file.getInputStream(); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet breaches = wb.getSheet("Breaches");
            assertThat(breaches.getLastRowNum()).isEqualTo(1);
            assertThat(breaches.getRow(1).getCell(0).getStringCellValue()).isEqualTo(ReportFixture.number(SCHEDULED_TICKET));
            assertThat(breaches.getRow(1).getCell(2).getStringCellValue()).isEqualTo("FIRST_RESPONSE");
        }
    }

    @Test
    void aFailingRunIsRecordedWithItsReasonAndRetried() throws Exception {
        Response created = mgr.post("/api/reports/subscriptions", Map.of("name", "Daily KPIs", "report", "kpis",
                "format", "csv", "period", "previous-day", "cron", "0 0 7 ? * MON-FRI", "zone", "Europe/Moscow",
                "recipients", List.of("kpi@linedesk.test")));
        long id = created.json().get("id").asLong();
        jdbc.update("update report_subscription set report = 'retired-report' where id = ?", id); // e.g. an old release's

        assertThat(mgr.post("/api/reports/subscriptions/" + id + "/run", Map.of()).status()).isEqualTo(202);
        JsonNode run = awaitRun(id, "FAILED");
        assertThat(run.get("error").asText()).contains("report", "retry 2 of 3");
        Trigger retry = scheduler.getTrigger(TriggerKey.triggerKey("retry-" + run.get("id").asLong(), "report-subscriptions"));
        assertThat(retry).isNotNull();
        assertThat(retry.getNextFireTime().toInstant()).isBetween(Instant.now().plus(Duration.ofMinutes(4)),
                Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(retry.getJobDataMap().getInt("attempt")).isEqualTo(2);
    }

    @Test
    void subscriptionsAreChangedWithTheirVersionAndDeletedWithTheirSchedule() throws Exception {
        Response created = mgr.post("/api/reports/subscriptions", Map.of("name", "Weekly compliance",
                "report", "sla-compliance", "period", "previous-week", "cron", "0 0 8 ? * MON", "zone", "UTC",
                "recipients", List.of("a@linedesk.test")));
        long id = created.json().get("id").asLong();
        Response stale = put("/api/reports/subscriptions/" + id, Map.of("name", "x", "report", "kpis",
                "period", "previous-day", "cron", "0 0 8 * * ?", "recipients", List.of("a@linedesk.test"), "version", 5));
        assertThat(stale.status()).isEqualTo(409);
        Response disabled = put("/api/reports/subscriptions/" + id, Map.of("name", "Weekly compliance",
                "report", "sla-compliance", "period", "previous-week", "cron", "0 0 8 ? * MON", "zone", "UTC",
                "recipients", List.of("a@linedesk.test"), "enabled", false, "version", 0));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().hasNonNull("nextRun")).isFalse();
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(delete("/api/reports/subscriptions/" + id)).isEqualTo(204);
        assertThat(scheduler.checkExists(org.quartz.JobKey.jobKey("subscription-" + id, "report-subscriptions"))).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from audit_log where target = ?", Integer.class,
                "subscription " + id)).isEqualTo(3);
    }

    private JsonNode awaitRun(long id, String status) throws InterruptedException {
        // the job runs on a Quartz thread: wait for its outcome (no time passes for the data)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode runs = mgr.get("/api/reports/subscriptions/" + id + "/runs").json();
            if (runs.size() > 0 && !runs.get(0).get("status").asText().equals("RUNNING")) {
                assertThat(runs.get(0).get("status").asText()).as(runs.toString()).isEqualTo(status);
                return runs.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished run of subscription " + id);
    }

    private void insertBreachIn(LocalDate day) {
        if (jdbc.queryForObject("select count(*) from ticket where id = ?", Integer.class, SCHEDULED_TICKET) > 0) {
            return;
        }
        Instant opened = day.atTime(10, 0).atZone(MOSCOW).toInstant();
        ReportFixture.ticket(jdbc, SCHEDULED_TICKET, "Scheduled fixture", "EMAIL", "P3", "RESOLVED", "kpi-sched", "kfl", 0,
                opened.toString(), opened.plusSeconds(7200).toString(), opened.plusSeconds(14400).toString());
        ReportFixture.clock(jdbc, 101, SCHEDULED_TICKET, "FIRST_RESPONSE", 3600, opened.toString(),
                opened.plusSeconds(7200).toString(), 7200L, opened.plusSeconds(3600).toString());
    }

    private Response put(String path, Object body) throws IOException {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.setBasicAuth("mgr", "secret");
        var response = rest.exchange(path, org.springframework.http.HttpMethod.PUT, new org.springframework.http.HttpEntity<>(
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body), headers), String.class);
        return new Response(response.getStatusCode().value(),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()), response.getHeaders());
    }

    private int delete(String path) {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setBasicAuth("mgr", "secret");
        return rest.exchange(path, org.springframework.http.HttpMethod.DELETE, new org.springframework.http.HttpEntity<>(headers),
                String.class).getStatusCode().value();
    }
}
