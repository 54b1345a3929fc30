package org.linedesk.report.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTableWriterTest {

    static String csv(Object... row) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvTableWriter w = new CsvTableWriter(out, ZoneId.of("Europe/Moscow"), false)) {
            w.table("t", List.of(Column.text("Text", 10), Column.integer("Count"), Column.duration("Took"),
                    Column.dateTime("At")));
            w.row(row);
        }
        return out.toString(StandardCharsets.UTF_8).split("\r\n")[1];
    }

    @Test
    void textIsQuotedSoASemicolonSeparatedExcelCannotSplitAFormulaOutOfIt() throws Exception {
        assertThat(csv("a;=HYPERLINK(\"x\")", 3, 42.4, Instant.parse("2026-03-05T07:00:00Z")))
                .isEqualTo("\"a;=HYPERLINK(\"\"x\"\")\",3,42,\"2026-03-05 10:00:00\"");
    }

    @Test
    void textThatStartsLikeAFormulaGetsAnApostrophe() throws Exception {
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertThat(csv(start + "1+1", null, null, null)).startsWith("\"'" + start);
        }
    }
}
