package org.linedesk.report.table;

import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The first sheet of an XLSX report: labelled values, small tables and a bar chart over a table's
 * column. Small by design, so it is written on the ordinary (not streamed) workbook.
 */
public final class Summary {

    private final XlsxTableWriter writer;
    private final XSSFSheet sheet;
    private int nextRow;

    Summary(XSSFWorkbook workbook, XlsxTableWriter writer) {
        this.writer = writer;
        this.sheet = workbook.createSheet("Summary");
        sheet.setColumnWidth(0, 40 * 256);
        for (int i = 1; i < 8; i++) {
            sheet.setColumnWidth(i, 16 * 256);
        }
    }

    public void title(String text) {
        Cell cell = sheet.createRow(nextRow++).createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(writer.headerStyle());
    }

    public void value(String label, Column.Type type, Object value) {
        Row row = sheet.createRow(nextRow++);
        row.createCell(0).setCellValue(label);
        if (value != null) {
            writer.write(row.createCell(1), type, value);
        }
    }

    public void blank() {
        nextRow++;
    }

    /** A table; returns the index of its first data row (for {@link #barChart}). */
    public int table(List<Column> columns, List<Object[]> rows) {
        Row head = sheet.createRow(nextRow++);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = head.createCell(i);
            cell.setCellValue(columns.get(i).title());
            cell.setCellStyle(writer.headerStyle());
        }
        int first = nextRow;
        for (Object[] values : rows) {
            Row row = sheet.createRow(nextRow++);
            for (int i = 0; i < columns.size(); i++) {
                if (values[i] != null) {
                    writer.write(row.createCell(i), columns.get(i).type(), values[i]);
                }
            }
        }
        return first;
    }

    /**
     * A column chart of percentage columns: categories from column {@code categoryColumn}, one series per
     * value column (titled by {@code seriesTitles}), rows {@code firstRow}..{@code lastRow}; placed to the
     * right of the tables.
     */
    public void barChart(String title, int firstRow, int lastRow, int categoryColumn, int[] valueColumns,
                         String[] seriesTitles) {
        if (lastRow < firstRow) {
            return;
        }
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 8, 1, 16, 20));
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
        values.setMinimum(0);
        values.setMaximum(1);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
        data.setBarDirection(BarDirection.COL);
        var categoryCells = XDDFDataSourcesFactory.fromStringCellRange(sheet,
                new CellRangeAddress(firstRow, lastRow, categoryColumn, categoryColumn));
        for (int i = 0; i < valueColumns.length; i++) {
            XDDFChartData.Series series = data.addSeries(categoryCells, XDDFDataSourcesFactory.fromNumericCellRange(
                    sheet, new CellRangeAddress(firstRow, lastRow, valueColumns[i], valueColumns[i])));
            series.setTitle(seriesTitles[i], null);
        }
        chart.plot(data);
    }

    /** The row the next table or value goes to. */
    public int nextRow() {
        return nextRow;
    }
}
