package org.linedesk.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.report.ReportFixture.number;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** The KPIs of March 2025 in Moscow time against the values computed by hand from {@link ReportFixture}. */
@IntegrationTest
class KpiReportTest {

    static final String MARCH = "/api/reports/kpis?from=2025-03-01&to=2025-03-31&zone=Europe/Moscow";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient mgr;

    @BeforeEach
    void fixture() {
        ReportFixture.insert(jdbc);
        mgr = new ApiClient(rest).as("mgr");
    }

    @Test
    void intakeAndResolutionsPerDayCountEachTicketOnTheDayItsEventHappenedInTheReportsZone() {
        JsonNode k = kpis(MARCH);
        assertThat(flow(k)).containsExactly("2025-03-02 EMAIL in 0 out 1", "2025-03-05 WEB in 1 out 1",
                "2025-03-10 EMAIL in 1 out 0", "2025-03-12 EMAIL in 0 out 1", "2025-03-20 CHAT in 1 out 0");
        // T4 was opened on 31 March in UTC, on 1 April in Moscow
        JsonNode utc = kpis("/api/reports/kpis?from=2025-03-01&to=2025-03-31&zone=UTC");
        assertThat(flow(utc)).contains("2025-03-31 PHONE in 1 out 0");
    }

    @Test
    void firstResponseAndResolutionTimesInCalendarAndBusinessTime() {
        JsonNode k = kpis(MARCH);
        JsonNode fr = k.get("firstResponse"); // T2 1800 s, T3 7200 s (business 5400), T5 1200 s
        assertThat(fr.get("tickets").asLong()).isEqualTo(3);
        assertThat(fr.get("calendarMedian").asDouble()).isEqualTo(1800);
        assertThat(fr.get("calendarP90").asDouble()).isEqualTo(6120); // 1800 + 0.8 × (7200 − 1800)
        assertThat(fr.get("calendarMean").asDouble()).isEqualTo(3400);
        assertThat(fr.get("businessMedian").asDouble()).isEqualTo(1800);
        assertThat(fr.get("businessP90").asDouble()).isEqualTo(4680); // 1800 + 0.8 × (5400 − 1800)
        assertThat(fr.get("businessMean").asDouble()).isEqualTo(2800);

        JsonNode res = k.get("resolution"); // T1 (opened in February) 3 days, T2 6 h, T3 2 days
        assertThat(res.get("tickets").asLong()).isEqualTo(3);
        assertThat(res.get("calendarMedian").asDouble()).isEqualTo(172800);
        assertThat(res.get("calendarP90").asDouble()).isEqualTo(241920);
        assertThat(res.get("calendarMean").asDouble()).isEqualTo(151200);
        assertThat(res.get("businessMedian").asDouble()).isEqualTo(50400);
        assertThat(res.get("businessP90").asDouble()).isEqualTo(90080);
        assertThat(res.get("businessMean").asDouble()).isEqualTo(57333.3);
    }

    @Test
    void slaComplianceCountsEachClockOnceWhenItsOutcomeWasDecided() {
        JsonNode k = kpis(MARCH);
        // first response: T2 met, T3 breached, T5 met (T1 decided in February, T4 breached in April)
        assertThat(compliance(k)).contains(
                "FIRST_RESPONSE all all 3/2/1 66.7", "RESOLUTION all all 3/2/1 66.7",
                "FIRST_RESPONSE priority P2 1/1/0 100.0", "FIRST_RESPONSE priority P3 2/1/1 50.0",
                "FIRST_RESPONSE group first-line 2/2/0 100.0", "FIRST_RESPONSE group passwords 1/0/1 0.0",
                "RESOLUTION agent kfl 2/2/0 100.0", "RESOLUTION agent kpw 1/0/1 0.0",
                "RESOLUTION channel EMAIL 2/1/1 50.0");
        assertThat(k.get("breachedClocks").asLong()).isEqualTo(2);
    }

    @Test
    void sharesOfHandOversFirstLineResolutionsReopensAndSameDayResolutions() {
        JsonNode k = kpis(MARCH);
        assertThat(share(k, "handedOverFromFirstLine")).isEqualTo("1/3 33.3"); // of T2, T3, T5 opened in March
        assertThat(share(k, "resolvedByFirstLine")).isEqualTo("2/3 66.7");    // of T1, T2, T3 resolved in March
        assertThat(share(k, "reopened")).isEqualTo("1/3 33.3");
        assertThat(share(k, "resolvedWithin24Hours")).isEqualTo("1/3 33.3");
    }

    @Test
    void satisfactionOfTheAnswersSentInThePeriodByEachDimension() {
        JsonNode k = kpis(MARCH);
        List<String> rows = new ArrayList<>();
        k.get("satisfaction").forEach(x -> rows.add(x.get("dimension").asText() + " " + x.get("key").asText()
                + ": answers " + x.get("answers").asLong() + " rated " + x.get("rated").asLong()
                + " quality " + x.path("meanQuality").asText("null") + " speed " + x.path("meanSpeed").asText("null")
                + " satisfied " + x.path("satisfied").path("percent").asText("null")
                + " response " + x.path("responseRate").path("percent").asText("null")));
        // T2's two answers (5/4 and 4/-), T3's (1/2), T5's unrated; T1's was in February
        assertThat(rows).contains(
                "all all: answers 4 rated 3 quality 3.33 speed 3.0 satisfied 66.7 response 75.0",
                "group first-line: answers 3 rated 2 quality 4.5 speed 4.0 satisfied 100.0 response 66.7",
                "group passwords: answers 1 rated 1 quality 1.0 speed 2.0 satisfied 0.0 response 100.0",
                "agent kpw: answers 1 rated 1 quality 1.0 speed 2.0 satisfied 0.0 response 100.0",
                "priority P2: answers 2 rated 2 quality 4.5 speed 4.0 satisfied 100.0 response 100.0",
                "channel CHAT: answers 1 rated 0 quality null speed null satisfied null response 0.0",
                "day 2025-03-05: answers 2 rated 2 quality 4.5 speed 4.0 satisfied 100.0 response 100.0");

        JsonNode passwords = kpis(MARCH + "&group=passwords");
        assertThat(passwords.get("satisfaction").get(0).get("answers").asLong()).isEqualTo(1);

        JsonNode ratings = mgr.get("/api/ratings?from=2025-03-01&to=2025-03-31&zone=Europe/Moscow").json();
        assertThat(ratings.get("total").asLong()).isEqualTo(3);
        assertThat(ratings.get("ratings").findValuesAsText("comment")).contains("Took two days");
        assertThat(mgr.get("/api/ratings?from=2025-03-01&to=2025-03-31&quality=1").json().get("total").asLong()).isEqualTo(1);
        assertThat(mgr.get("/api/ratings?quality=7&speed=x").errorFields()).containsExactly("quality", "speed");
    }

    @Test
    void customerMessagesReceivedAndRepliesSentByDayGroupAndAgent() {
        JsonNode k = kpis(MARCH);
        List<String> rows = new ArrayList<>();
        k.get("messages").forEach(m -> rows.add(m.get("dimension").asText() + " " + m.get("key").asText() + ": received "
                + m.path("received").asText("null") + " sent " + m.get("sent").asLong()));
        // March in Moscow: messages of T2, T3 (twice) and T5 (T4's came on 1 April there); replies 2, 3, 4 and 5
        assertThat(rows).contains("all all: received 4 sent 4", "group first-line: received 3 sent 3",
                "group passwords: received 1 sent 1", "agent kfl: received null sent 3", "agent kpw: received null sent 1",
                "day 2025-03-05: received 1 sent 2", "day 2025-03-11: received 1 sent 0");
    }

    @Test
    void perAgentIndicators() {
        JsonNode k = kpis(MARCH);
        List<String> agents = new ArrayList<>();
        k.get("agents").forEach(a -> agents.add(a.get("agent").asText() + " resolved " + a.get("resolved").asLong()
                + " replies " + a.get("replies").asLong() + " first " + a.get("firstResponses").asLong() + " median "
                + a.get("medianFirstResponse").asDouble()));
        assertThat(agents).contains("kfl resolved 2 replies 3 first 2 median 1500.0",
                "kpw resolved 1 replies 1 first 1 median 7200.0");

        JsonNode onlyKpw = kpis(MARCH + "&agent=kpw");
        assertThat(onlyKpw.get("agents")).hasSize(1);
        assertThat(onlyKpw.get("resolution").get("tickets").asLong()).isEqualTo(1);
    }

    @Test
    void filtersAndTheBacklogByAge() {
        JsonNode passwords = kpis(MARCH + "&group=passwords");
        assertThat(passwords.get("resolution").get("tickets").asLong()).isEqualTo(1);
        assertThat(compliance(passwords)).contains("FIRST_RESPONSE all all 1/0/1 0.0");
        JsonNode web = kpis(MARCH + "&channel=WEB&priority=P2");
        assertThat(flow(web)).containsExactly("2025-03-05 WEB in 1 out 1");

        // the backlog at the end of a past period, from the history: in Moscow T5 (waiting for the customer)
        assertThat(backlog(kpis(MARCH))).containsExactly("first-line < 1 day 0", "first-line 1-3 days 0",
                "first-line 3-7 days 0", "first-line 7-30 days 1", "first-line 30+ days 0");
        assertThat(kpis(MARCH).get("backlogAt").asText()).isEqualTo("2025-03-31T21:00:00Z");
        // in UTC March ends after T4 was opened
        assertThat(backlog(kpis("/api/reports/kpis?from=2025-03-01&to=2025-03-31&zone=UTC&group=kpi-backlog")))
                .containsExactly("kpi-backlog < 1 day 1", "kpi-backlog 1-3 days 0", "kpi-backlog 3-7 days 0",
                        "kpi-backlog 7-30 days 0", "kpi-backlog 30+ days 0");
        // a period up to today: the backlog now, where T4 is over a year old
        assertThat(backlog(kpis("/api/reports/kpis?from=2025-03-01&zone=UTC&group=kpi-backlog")))
                .containsExactly("kpi-backlog < 1 day 0", "kpi-backlog 1-3 days 0", "kpi-backlog 3-7 days 0",
                        "kpi-backlog 7-30 days 0", "kpi-backlog 30+ days 1");
        assertThat(number(ReportFixture.T4)).isEqualTo("INC-900000004");
    }

    @Test
    void badParametersAreRefusedNamingEachField() {
        Response bad = mgr.get("/api/reports/kpis?from=2025-13-01&to=2025-03-31&zone=Mars/Olympus&priority=P9&channel=FAX");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("from", "zone", "priority", "channel");
        assertThat(mgr.get("/api/reports/kpis?from=2025-04-01&to=2025-03-01").errorFields()).containsExactly("from");
        assertThat(mgr.get("/api/reports/nonsense").errorFields()).containsExactly("report");
        assertThat(mgr.get("/api/reports/breaches?format=json").errorFields()).containsExactly("format");
    }

    @Test
    void onlyManagersAuditorsAndAdminsReadReports() {
        assertThat(new ApiClient(rest).as("fl1").get(MARCH).status()).isEqualTo(403);
        assertThat(new ApiClient(rest).as("po").get(MARCH).status()).isEqualTo(403);
        assertThat(new ApiClient(rest).get(MARCH).status()).isEqualTo(401);
        assertThat(new ApiClient(rest).as("aud").get(MARCH).status()).isEqualTo(200);
        assertThat(new ApiClient(rest).as("adm").get(MARCH).status()).isEqualTo(200);
    }

    @Test
    void aStoppedClockKeepsTheBusinessTimeItUsed() {
        ApiClient agent = new ApiClient(rest).as("fl1");
        String number = agent.createTicket("Business time kept at stop");
        assertThat(agent.action(number, "resolve", java.util.Map.of("reply", "Done.")).status()).isEqualTo(200);
        long id = Long.parseLong(number.substring(4));
        List<String> clocks = jdbc.query("select metric, stopped_at is not null, business_seconds from sla_clock"
                + " where ticket_id = ? order by metric", (rs, i) -> rs.getString(1) + " stopped " + rs.getBoolean(2)
                + " business " + rs.getObject(3), id);
        assertThat(clocks).containsExactly("FIRST_RESPONSE stopped true business 0", "RESOLUTION stopped true business 0");
    }

    private JsonNode kpis(String path) {
        Response r = mgr.get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> flow(JsonNode k) {
        List<String> rows = new ArrayList<>();
        k.get("flow").forEach(d -> rows.add(d.get("day").asText() + " " + d.get("channel").asText() + " in "
                + d.get("in").asLong() + " out " + d.get("out").asLong()));
        return rows;
    }

    private static List<String> compliance(JsonNode k) {
        List<String> rows = new ArrayList<>();
        k.get("compliance").forEach(c -> rows.add(c.get("metric").asText() + " " + c.get("dimension").asText() + " "
                + c.get("key").asText() + " " + c.get("clocks").asLong() + "/" + c.get("met").asLong() + "/"
                + c.get("breached").asLong() + " " + c.get("percent").asDouble()));
        return rows;
    }

    private static List<String> backlog(JsonNode k) {
        List<String> buckets = new ArrayList<>();
        k.get("backlog").forEach(b -> buckets.add(b.get("group").asText() + " " + b.get("age").asText() + " "
                + b.get("tickets").asLong()));
        return buckets;
    }

    private static String share(JsonNode k, String name) {
        JsonNode s = k.get(name);
        return s.get("count").asLong() + "/" + s.get("of").asLong() + " " + s.get("percent").asDouble();
    }
}
