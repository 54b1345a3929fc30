package org.linedesk.report.table;

import java.io.IOException;
import java.util.List;

/**
 * Writes a report as tables, row by row, straight to the output (nothing held in memory but the row).
 * An XLSX writer puts each table on a sheet; a CSV writer takes one table.
 */
public interface TableWriter extends AutoCloseable {

    void table(String name, List<Column> columns) throws IOException;

    void row(Object... values) throws IOException;

    /** Finishes the file (the output stream stays open for the caller). */
    @Override
    void close() throws IOException;
}
