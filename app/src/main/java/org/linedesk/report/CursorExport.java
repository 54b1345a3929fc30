package org.linedesk.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.linedesk.report.table.TableWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows from a database cursor straight into a {@link TableWriter}: PostgreSQL streams a result with a
 * fetch size only inside a transaction, so exports run in a read-only one and memory does not grow with
 * the rows. Shared by the reports and the auditor exports.
 */
@Component
class CursorExport {

    private static final int FETCH_SIZE = 2000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    CursorExport(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(streaming);
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    interface Work<T> {
        T run() throws IOException;
    }

    interface RowMapper {
        Object[] map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code work} (one or more {@link #rows} calls) in one read-only transaction: one snapshot. */
    <T> T inReadOnlyTransaction(Work<T> work) throws IOException {
        try {
            return readOnly.execute(status -> {
                try {
                    return work.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away
        }
    }

    /** Writes every row of the query; inside {@link #inReadOnlyTransaction}. Returns the number of rows. */
    long rows(String sql, SqlParameterSource params, TableWriter writer, RowMapper mapper) {
        long[] n = {0};
        jdbc.query(sql, params, rs -> {
            try {
                writer.row(mapper.map(rs));
                n[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return n[0];
    }

    /** One query's rows in a read-only transaction of its own. */
    long stream(String sql, SqlParameterSource params, TableWriter writer, RowMapper mapper) throws IOException {
        return inReadOnlyTransaction(() -> rows(sql, params, writer, mapper));
    }

    NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
