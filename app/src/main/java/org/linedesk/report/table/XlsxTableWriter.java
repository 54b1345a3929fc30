package org.linedesk.report.table;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * XLSX with Apache POI's streaming SXSSF: only a window of rows is in memory, the rest goes to a
 * compressed temporary file, so a million rows take the same heap as a hundred. Cells are typed (dates
 * as dates, durations as numbers of days with an [h]:mm:ss format, percentages as fractions with a %
 * format); each sheet has a frozen, bold header, an autofilter and column widths. A sheet that reaches
 * Excel's row limit continues on the next one.
 */
public final class XlsxTableWriter implements TableWriter {

    private static final int WINDOW = 200;
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final OutputStream out;
    private final ZoneId zone;
    private final SXSSFWorkbook workbook;
    private final CellStyle header;
    private final Map<Column.Type, CellStyle> styles = new EnumMap<>(Column.Type.class);
    private SXSSFSheet sheet;
    private String tableName;
    private List<Column> columns;
    private int nextRow;
    private int part;

    /**
     * @param summary writes a summary sheet (it may hold a chart) on the plain workbook before the
     *                streamed sheets; null for none
     * @param created the document's creation date: fixed by the caller so the same export gives the same file
     */
    public XlsxTableWriter(OutputStream out, ZoneId zone, Instant created, Consumer<Summary> summary) {
        this.out = out;
        this.zone = zone;
        XSSFWorkbook base = new XSSFWorkbook();
        base.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(created)));
        base.getProperties().getCoreProperties().setCreator("LineDesk");
        this.header = base.createCellStyle();
        Font bold = base.createFont();
        bold.setBold(true);
        header.setFont(bold);
        short dateTime = base.createDataFormat().getFormat("yyyy-mm-dd hh:mm");
        styles.put(Column.Type.DATETIME, style(base, dateTime));
        styles.put(Column.Type.DATE, style(base, base.createDataFormat().getFormat("yyyy-mm-dd")));
        styles.put(Column.Type.DURATION, style(base, base.createDataFormat().getFormat("[h]:mm:ss")));
        styles.put(Column.Type.PERCENT, style(base, base.createDataFormat().getFormat("0.0%")));
        styles.put(Column.Type.NUMBER, style(base, base.createDataFormat().getFormat("0.00")));
        styles.put(Column.Type.INTEGER, style(base, base.createDataFormat().getFormat("0")));
        if (summary != null) {
            summary.accept(new Summary(base, this));
        }
        this.workbook = new SXSSFWorkbook(base, WINDOW);
        workbook.setCompressTempFiles(true);
    }

    private static CellStyle style(XSSFWorkbook wb, short format) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(format);
        return s;
    }

    CellStyle headerStyle() {
        return header;
    }

    @Override
    public void table(String name, List<Column> columns) {
        finishSheet();
        this.tableName = name;
        this.columns = columns;
        this.part = 1;
        startSheet(name);
    }

    private void startSheet(String name) {
        sheet = workbook.createSheet(name.length() > 31 ? name.substring(0, 31) : name);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columns.get(i).title());
            cell.setCellStyle(header);
            sheet.setColumnWidth(i, Math.min(255, columns.get(i).width()) * 256);
        }
        sheet.createFreezePane(0, 1);
        nextRow = 1;
    }

    @Override
    public void row(Object... values) {
        if (nextRow == MAX_ROWS) {
            finishSheet();
            startSheet(tableName + " (" + ++part + ")");
        }
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < columns.size() && i < values.length; i++) {
            if (values[i] != null) {
                write(row.createCell(i), columns.get(i).type(), values[i]);
            }
        }
    }

    void write(Cell cell, Column.Type type, Object value) {
        switch (type) {
            case TEXT -> cell.setCellValue(cellText(value.toString())); // a string cell, never a formula
            case INTEGER, NUMBER -> cell.setCellValue(((Number) value).doubleValue());
            case PERCENT -> cell.setCellValue(((Number) value).doubleValue() / 100.0);
            case DURATION -> cell.setCellValue(((Number) value).doubleValue() / 86_400.0);
            case DATETIME -> cell.setCellValue(((Instant) value).atZone(zone).toLocalDateTime());
            case DATE -> cell.setCellValue((LocalDate) value);
        }
        CellStyle style = styles.get(type);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /**
     * A cell holds at most 32,767 characters (Excel's limit, which POI enforces by throwing): longer text
     * (a customer's pasted log) is cut, and the cell says so; the CSV export has the whole text.
     */
    static String cellText(String text) {
        int max = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
        if (text.length() <= max) {
            return text;
        }
        String note = " … [cut: " + text.length() + " characters in all; the CSV export has the whole text]";
        int end = max - note.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end) + note;
    }

    private void finishSheet() {
        if (sheet != null && columns != null) {
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, nextRow - 1), 0, columns.size() - 1));
        }
    }

    @Override
    public void close() throws IOException {
        finishSheet();
        try {
            workbook.write(out);
            out.flush();
        } finally {
            workbook.close(); // deletes the temporary files
        }
    }
}
