package org.linedesk.sla;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the SLA definitions versions are kept: the database ({@link JdbcSlaVersionStore}). */
interface SlaVersionStore {

    /** The newest version's number, 0 when there is none (cheap: asked every few seconds). */
    int newestNumber();

    Optional<StoredVersion> find(int number);

    /**
     * Keeps the files as the next version unless the newest version has the same checksum (then that
     * one is returned). Safe when several nodes start at once.
     */
    StoredVersion addIfChanged(Map<String, String> files, String checksum, String loadedBy, String reason);

    /** Every version, newest first, with how many clocks run (not stopped) under each. */
    List<VersionSummary> list();

    /** Clocks from before versioning run under the first version kept. */
    void adoptUnversionedClocks();

    record StoredVersion(int number, Map<String, String> files, String checksum, String loadedBy, Instant loadedAt,
                         String reason) {
    }

    record VersionSummary(int number, String loadedBy, Instant loadedAt, String reason, long runningClocks) {
    }
}
