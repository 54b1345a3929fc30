package org.linedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Response;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Full-text search (GET /api/tickets?q=, the console's /search): Russian and English words by their stem,
 * ranked, with the matched words marked; partial words and numbers; only what the caller may see; any
 * input gets an answer, never a 500.
 */
@IntegrationTest
class TicketSearchTest {

    @Autowired
    TestRestTemplate rest;
    ApiClient fl1, wb1, mgr;
    /** A word no other test uses, so that each test counts only its own tickets. */
    String tag;
    /** Closed after each test: the shared database's first-line queue stays short for other tests. */
    List<String> created = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeTheTickets() {
        created.forEach(n -> fl1.action(n, "close-spam", Map.of()));
    }

    @BeforeEach
    void users() {
        ApiClient api = new ApiClient(rest);
        fl1 = api.as("fl1");
        wb1 = api.as("wb1");
        mgr = api.as("mgr");
        tag = "zq" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void russianAndEnglishWordsAreFoundByTheirStemInSubjectsAndMessages() {
        String ru = ticket("Не работает принтер " + tag, "Принтеры на третьем этаже печатают пустые листы");
        String en = ticket("Printer jam " + tag, "The printers on floor two jam every morning");

        assertThat(numbers(fl1.get("/api/tickets?q=принтерами " + tag))).containsExactly(ru);
        assertThat(numbers(fl1.get("/api/tickets?q=листов " + tag))).containsExactly(ru);
        assertThat(numbers(fl1.get("/api/tickets?q=printers " + tag))).containsExactly(en);
        assertThat(numbers(fl1.get("/api/tickets?q=jamming " + tag))).containsExactly(en);
    }

    @Test
    void aMatchInTheSubjectRanksAboveOneInTheTextAndTheSnippetMarksTheWords() {
        String inText = ticket("Question " + tag, "Our scanner shows a paper error since Monday");
        String inSubject = ticket("Scanner broken " + tag, "Nothing works");

        Response r = fl1.get("/api/tickets?q=scanner " + tag);

        assertThat(numbers(r)).containsExactly(inSubject, inText);
        JsonNode snippet = r.json().path("content").get(1).path("snippet");
        List<String> marked = new ArrayList<>();
        snippet.forEach(f -> {
            if (f.get("match").asBoolean()) {
                marked.add(f.get("text").asText());
            }
        });
        assertThat(marked).contains("scanner");
        assertThat(r.json().get("totalElements").asInt()).isEqualTo(2);
    }

    @Test
    void repliesAndNotesAreSearchedToo() {
        String number = ticket("VPN " + tag, "It drops");
        assertThat(fl1.post("/api/tickets/" + number + "/articles", Map.of("kind", "INTERNAL_NOTE",
                "body", "Looks like the firewall timeout")).status()).isEqualTo(201);

        assertThat(numbers(fl1.get("/api/tickets?q=firewall " + tag))).containsExactly(number);
    }

    @Test
    void partOfAWordOrANumberFindsTheTicket() {
        String number = ticket("Синхронизация календаря " + tag, "Outlook не синхронизирует");

        assertThat(numbers(fl1.get("/api/tickets?q=Синхрониз"))).contains(number);
        assertThat(numbers(fl1.get("/api/tickets?q=" + number.toLowerCase()))).containsExactly(number);
    }

    @Test
    void agentsFindOnlyTheirGroupsTicketsAndNobodyFindsByAnAddressTheyMayNotSee() {
        String number = ticket("Keyboard " + tag, "Keys stick", "irina.kuznetsova@example.net");

        assertThat(numbers(fl1.get("/api/tickets?q=keyboard " + tag))).containsExactly(number);
        assertThat(numbers(wb1.get("/api/tickets?q=keyboard " + tag))).isEmpty();
        assertThat(numbers(mgr.get("/api/tickets?q=keyboard " + tag))).containsExactly(number);
        assertThat(numbers(new ApiClient(rest).as("gleb").get("/api/tickets?q=keyboard " + tag))).isEmpty();
        // managers see addresses whole and find by them; agents see them masked and do not
        assertThat(numbers(mgr.get("/api/tickets?q=irina.kuznetsova"))).contains(number);
        assertThat(numbers(fl1.get("/api/tickets?q=irina.kuznetsova"))).doesNotContain(number);
    }

    @Test
    void otherFiltersApplyToTheHits() {
        String number = ticket("Monitor flickers " + tag, "Since the update");

        assertThat(numbers(fl1.get("/api/tickets?status=NEW&q=monitor " + tag))).containsExactly(number);
        assertThat(numbers(fl1.get("/api/tickets?status=CLOSED&q=monitor " + tag))).isEmpty();
    }

    @Test
    void anyQueryGetsAnAnswerNeverA500() {
        ticket("Mouse " + tag, "Mouse is dead");

        for (String q : new String[] {"& | ! ( ) <-> :*", "\"mouse " + tag, "mouse\" \"" + tag, "-", "!!!", "'; drop table ticket; --",
                "\\", "%_%", "a"}) {
            Response r = fl1.getEncoded("/api/tickets?q="
                    + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            assertThat(r.status()).as(q).isEqualTo(200);
        }
        Response tooLong = fl1.get("/api/tickets?q=" + "x".repeat(10_000));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorFields()).containsExactly("q");
        assertThat(numbers(fl1.get("/api/tickets?q=\"mouse " + tag))).hasSize(1); // the open quote is read as a phrase
    }

    @Test
    void theConsoleSearchShowsRankedHitsWithMarkedWordsAndEscapedText() {
        String number = ticket("<b>Bold</b> projector " + tag, "The projector <script>alert(1)</script> hums");

        String page = fl1.get("/search?q=projector " + tag).json().asText();

        assertThat(page).contains(number).contains("1 ticket").contains("<mark>projector</mark>")
                .contains("&lt;b&gt;Bold&lt;/b&gt;").doesNotContain("<script>alert(1)</script>");
        String tooLong = fl1.get("/search?q=" + "y".repeat(600)).json().asText();
        assertThat(tooLong).contains("at most 500");
    }

    private String ticket(String subject, String text) {
        return ticket(subject, text, "ivan@example.com");
    }

    private String ticket(String subject, String text, String customer) {
        Response r = fl1.post("/api/tickets", Map.of("subject", subject, "description", text,
                "requester", Map.of("name", "Customer", "email", customer)));
        assertThat(r.status()).isEqualTo(201);
        created.add(r.json().get("number").asText());
        return r.json().get("number").asText();
    }

    private static List<String> numbers(Response r) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        r.json().path("content").forEach(t -> numbers.add(t.get("number").asText()));
        return numbers;
    }
}
