package org.linedesk.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The versions in table sla_definitions_version (append-only: a trigger refuses updates and deletes). */
@Component
class JdbcSlaVersionStore implements SlaVersionStore {

    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    JdbcSlaVersionStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    private Optional<StoredVersion> newest() {
        int number = newestNumber();
        return number == 0 ? Optional.empty() : find(number);
    }

    @Override
    public int newestNumber() {
        Integer number = jdbc.queryForObject("select max(number) from sla_definitions_version", Integer.class);
        return number == null ? 0 : number;
    }

    @Override
    public Optional<StoredVersion> find(int number) {
        return jdbc.query("select number, files, checksum, loaded_by, loaded_at, reason from sla_definitions_version"
                + " where number = ?", (rs, i) -> new StoredVersion(rs.getInt(1), files(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)), number).stream().findFirst();
    }

    @Override
    public StoredVersion addIfChanged(Map<String, String> files, String checksum, String loadedBy, String reason) {
        return tx.execute(status -> {
            // one writer at a time across nodes: two nodes starting together keep one version, not two
            jdbc.query("select pg_advisory_xact_lock(hashtext('sla_definitions_version'))", rs -> null);
            Optional<StoredVersion> newest = newest();
            if (newest.isPresent() && newest.get().checksum().equals(checksum)) {
                return newest.get();
            }
            int number = newest.map(StoredVersion::number).orElse(0) + 1;
            java.time.Instant now = clock.instant();
            jdbc.update("insert into sla_definitions_version (number, files, checksum, loaded_by, loaded_at, reason)"
                    + " values (?, cast(? as jsonb), ?, ?, ?, ?)", number, text(files), checksum, loadedBy,
                    Timestamp.from(now), reason);
            return new StoredVersion(number, Map.copyOf(files), checksum, loadedBy, now, reason);
        });
    }

    @Override
    public List<VersionSummary> list() {
        return jdbc.query("""
                select v.number, v.loaded_by, v.loaded_at, v.reason,
                       (select count(*) from sla_clock c where c.definitions_version = v.number and c.stopped_at is null)
                  from sla_definitions_version v order by v.number desc
                """, (rs, i) -> new VersionSummary(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getString(4), rs.getLong(5)));
    }

    @Override
    public void adoptUnversionedClocks() {
        jdbc.update("update sla_clock set definitions_version = (select min(number) from sla_definitions_version)"
                + " where definitions_version is null");
    }

    private Map<String, String> files(String text) {
        try {
            return json.readValue(text, FILES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sla_definitions_version.files is not a JSON object of texts", e);
        }
    }

    private String text(Map<String, String> files) {
        try {
            return json.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
