package org.linedesk.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linedesk.report.ReportFixture.number;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linedesk.support.ApiClient;
import org.linedesk.support.ApiClient.Download;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** XLSX and CSV exports read back with POI and Commons CSV; auditor exports, their access and their record. */
@IntegrationTest
class ReportExportTest {

    static final String MARCH = "from=2025-03-01&to=2025-03-31&zone=Europe/Moscow";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient mgr, aud;

    @BeforeEach
    void fixture() {
        ReportFixture.insert(jdbc);
        mgr = new ApiClient(rest).as("mgr");
        aud = new ApiClient(rest).as("aud");
    }

    @Test
    void slaComplianceAsXlsxHasTypedCellsAFrozenFilteredHeaderAndASummaryWithAChart() throws IOException {
        Download file = mgr.download("/api/reports/sla-compliance?format=xlsx&" + MARCH);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().getContentType().toString()).contains("spreadsheetml");
        assertThat(file.headers().getFirst("Content-Disposition"))
                .contains("linedesk-sla-compliance-2025-03-01-to-2025-03-31.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            assertThat(wb.getSheetName(0)).isEqualTo("Summary");
            XSSFSheet summary = wb.getSheetAt(0);
            assertThat(summary.createDrawingPatriarch().getCharts()).hasSize(1);

            Sheet detail = wb.getSheet("SLA compliance");
            assertThat(detail.getPaneInformation().isFreezePane()).isTrue();
            assertThat(detail.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(((XSSFSheet) detail).getCTWorksheet().isSetAutoFilter()).isTrue();
            assertThat(text(detail.getRow(0).getCell(0))).isEqualTo("Ticket");
            // T1 (resolution decided in March), T2, T3, T5 (first response); T4 decided in April
            List<String> numbers = new ArrayList<>();
            for (int r = 1; r <= detail.getLastRowNum(); r++) {
                numbers.add(text(detail.getRow(r).getCell(0)));
            }
            assertThat(numbers).containsExactly(number(ReportFixture.T1), number(ReportFixture.T2),
                    number(ReportFixture.T3), number(ReportFixture.T5));

            Row t3 = detail.getRow(3);
            Cell opened = t3.getCell(6);
            assertThat(opened.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(opened)).isTrue();
            assertThat(opened.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2025-03-10T09:00")); // Moscow
            Cell used = t3.getCell(9);
            assertThat(used.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(used.getNumericCellValue() * 86400).isCloseTo(5400, org.assertj.core.data.Offset.offset(0.01));
            assertThat(used.getCellStyle().getDataFormatString()).isEqualTo("[h]:mm:ss");
            assertThat(new DataFormatter().formatCellValue(used)).isEqualTo("1:30:00");
            assertThat(text(t3.getCell(10))).isEqualTo("BREACHED");
            assertThat(t3.getCell(11).getNumericCellValue() * 86400).isCloseTo(1800, org.assertj.core.data.Offset.offset(0.01));
            assertThat(text(t3.getCell(14))).isEqualTo("BREACHED");
            // a subject that looks like a formula stays text
            Cell subject = detail.getRow(2).getCell(1);
            assertThat(subject.getCellType()).isEqualTo(CellType.STRING);
            assertThat(subject.getStringCellValue()).startsWith("=HYPERLINK");
        }
    }

    @Test
    void slaComplianceAsCsvIsRfc4180WithAnOptionalByteOrderMarkAndDurationsInSeconds() throws IOException {
        Download file = mgr.download("/api/reports/sla-compliance?format=csv&bom=true&" + MARCH);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().getContentType().toString()).startsWith("text/csv");
        String text = file.text();
        assertThat(text).startsWith("\uFEFF");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
        assertThat(rows).hasSize(4);
        CSVRecord t3 = rows.get(2);
        assertThat(t3.get("Ticket")).isEqualTo(number(ReportFixture.T3));
        assertThat(t3.get("Opened")).isEqualTo("2025-03-10 09:00:00");
        assertThat(t3.get("First response used (seconds)")).isEqualTo("5400");
        assertThat(t3.get("First response")).isEqualTo("BREACHED");
        assertThat(t3.get("Resolution over by (seconds)")).isEqualTo("13600");
        assertThat(rows.get(1).get("Subject")).isEqualTo("'=HYPERLINK(\"http://evil\")"); // never a formula in Excel

        String plain = mgr.download("/api/reports/sla-compliance?format=csv&" + MARCH).text();
        assertThat(plain).startsWith("\"Ticket\",\"Subject\",");
    }

    @Test
    void kpisAsXlsxAndAsOneLongCsvTable() throws IOException {
        Download xlsx = mgr.download("/api/reports/kpis?format=xlsx&" + MARCH);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("Summary", "Intake and resolved", "SLA compliance", "Agents", "Backlog at end",
                    "Satisfaction", "Messages");
            Sheet flow = wb.getSheet("Intake and resolved");
            assertThat(flow.getRow(1).getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo("2025-03-02");
            assertThat(flow.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(1);
            Sheet satisfaction = wb.getSheet("Satisfaction");
            assertThat(satisfaction.getRow(1).getCell(0).getStringCellValue()).isEqualTo("agent");
            assertThat(wb.getSheet("Messages")).isNotNull();
        }
        Download csv = mgr.download("/api/reports/kpis?format=csv&" + MARCH);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.text())).getRecords();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("section")).isEqualTo("shares");
            assertThat(r.get("key")).isEqualTo("reopened");
            assertThat(r.get("value")).isEqualTo("33.3");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("section")).isEqualTo("resolution");
            assertThat(r.get("measure")).isEqualTo("median-business-seconds");
            assertThat(r.get("value")).isEqualTo("50400.0");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("section")).isEqualTo("satisfaction");
            assertThat(r.get("dimension")).isEqualTo("all");
            assertThat(r.get("measure")).isEqualTo("mean-quality");
            assertThat(r.get("value")).isEqualTo("3.33");
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("section")).isEqualTo("messages");
            assertThat(r.get("key")).isEqualTo("first-line");
            assertThat(r.get("measure")).isEqualTo("received");
            assertThat(r.get("value")).isEqualTo("3");
        });
    }

    @Test
    void breachesListEachBreachedClockWithByHowMuch() throws IOException {
        Download csv = mgr.download("/api/reports/breaches?format=csv&" + MARCH);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.text())).getRecords();
        assertThat(rows).extracting(r -> r.get("Ticket") + " " + r.get("Metric") + " " + r.get("Over by (business) (seconds)")
                + " " + r.get("Over by (calendar) (seconds)")).containsExactly(
                number(ReportFixture.T3) + " FIRST_RESPONSE 1800 3600",
                number(ReportFixture.T3) + " RESOLUTION 13600 54000");
    }

    @Test
    void auditorExportsATicketsCompleteHistoryReproduciblyAndTheExportIsOnTheRecord() throws IOException {
        String t3 = number(ReportFixture.T3);
        Download first = aud.download("/api/audit/tickets/" + t3 + "?zone=Europe/Moscow");
        assertThat(first.status()).isEqualTo(200);
        List<String> firstCells = cells(first.body());
        assertThat(firstCells).anyMatch(c -> c.contains("HANDED_OVER"));
        assertThat(firstCells).anyMatch(c -> c.contains("SLA_BREACHED"));
        assertThat(firstCells).anyMatch(c -> c.contains("impact MEDIUM × urgency MEDIUM"));
        List<String> sheets = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(first.body()))) {
            wb.forEach(s -> sheets.add(s.getSheetName()));
        }
        assertThat(sheets).containsExactly("Ticket", "Timeline", "Conversation", "SLA clocks", "Priority decisions");
        assertThat(cells(aud.download("/api/audit/tickets/" + t3 + "?zone=Europe/Moscow").body())).isEqualTo(firstCells);
        String csv = aud.download("/api/audit/tickets/" + t3 + "?format=csv").text();
        assertThat(aud.download("/api/audit/tickets/" + t3 + "?format=csv").text()).isEqualTo(csv);
        assertThat(csv).contains("HANDED_OVER", "first-line", "passwords");

        assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = 'aud' and action = 'EXPORT'"
                + " and target = ?", Integer.class, "ticket " + t3)).isEqualTo(4);
    }

    @Test
    void theAuditLogOfAPeriodHasTicketEventsAndAdministrativeActs() throws IOException {
        Download csv = aud.download("/api/audit/log?format=csv&" + MARCH);
        assertThat(csv.status()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.text())).getRecords();
        assertThat(rows).extracting(r -> r.get("Ticket / target") + " " + r.get("Action"))
                .contains(number(ReportFixture.T3) + " HANDED_OVER", number(ReportFixture.T3) + " FIRST_RESPONSE");
        assertThat(rows.get(0).get("At")).isLessThanOrEqualTo(rows.get(rows.size() - 1).get("At"));
        assertThat(aud.download("/api/audit/log?format=csv&" + MARCH).text()).isEqualTo(csv.text());
    }

    @Test
    void auditorExportsAreForAuditorsOnly() {
        String path = "/api/audit/tickets/" + number(ReportFixture.T3);
        assertThat(mgr.download(path).status()).isEqualTo(403);
        assertThat(new ApiClient(rest).as("adm").download(path).status()).isEqualTo(403);
        assertThat(new ApiClient(rest).as("fl1").download(path).status()).isEqualTo(403);
        assertThat(new ApiClient(rest).as("fl1").download("/api/audit/log").status()).isEqualTo(403);
        assertThat(new ApiClient(rest).download("/api/audit/log").status()).isEqualTo(401);
        assertThat(aud.download("/api/audit/tickets/INC-8888888").status()).isEqualTo(404);
        assertThat(aud.get("/api/audit/log?format=json").errorFields()).containsExactly("format");
    }

    private static List<String> cells(byte[] xlsx) throws IOException {
        List<String> all = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        all.add(sheet.getSheetName() + "!" + cell.getAddress() + "=" + formatter.formatCellValue(cell));
                    }
                }
            }
        }
        return all;
    }

    private static String text(Cell cell) {
        return cell.getStringCellValue();
    }
}
