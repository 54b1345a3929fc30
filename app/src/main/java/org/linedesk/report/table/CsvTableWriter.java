package org.linedesk.report.table;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 CSV (Commons CSV), UTF-8, optionally with a byte order mark so Excel reads the UTF-8.
 * Date-times are local to the report's zone ("2026-03-05 10:00:00"), durations in seconds. Text that
 * Excel would take for a formula (=, +, -, @ first) is prefixed with an apostrophe: customer text must
 * never run as a formula in the auditor's spreadsheet. Every value but a number is quoted, so that an
 * Excel whose list separator is ';' (the Russian default) does not split "a;=cmd" into a formula cell.
 */
public final class CsvTableWriter implements TableWriter {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Writer writer;
    private final ZoneId zone;
    private CSVPrinter printer;
    private List<Column> columns;

    public CsvTableWriter(OutputStream out, ZoneId zone, boolean byteOrderMark) throws IOException {
        this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.zone = zone;
        if (byteOrderMark) {
            writer.write('\uFEFF');
        }
    }

    @Override
    public void table(String name, List<Column> columns) throws IOException {
        if (printer != null) {
            throw new IllegalStateException("a CSV file holds one table");
        }
        this.columns = columns;
        printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.NON_NUMERIC).get());
        for (Column c : columns) {
            printer.print(c.type() == Column.Type.DURATION ? c.title() + " (seconds)" : c.title());
        }
        printer.println();
    }

    @Override
    public void row(Object... values) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            printer.print(format(columns.get(i).type(), i < values.length ? values[i] : null));
        }
        printer.println();
    }

    /** A number stays a Number (printed unquoted); everything else becomes quoted text. */
    private Object format(Column.Type type, Object value) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case DATETIME -> DATE_TIME.format(((Instant) value).atZone(zone));
            case DURATION -> Math.round(((Number) value).doubleValue());
            case TEXT -> safeText(value.toString());
            default -> value instanceof Number ? value : value.toString();
        };
    }

    static String safeText(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.flush();
        }
        writer.flush();
    }
}
