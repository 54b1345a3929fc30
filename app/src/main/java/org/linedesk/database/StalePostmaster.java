package org.linedesk.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LineDesk that was killed (not stopped) leaves its embedded PostgreSQL running on the data
 * directory, and a new start would fail on the lock. We stop that orphan cleanly first: it is
 * ours (it runs on our data directory), and PostgreSQL's "smart"/"fast" shutdown loses no committed data.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .filter(p -> pgData.toString().equals(lines.get(1).trim()));
        if (process.isEmpty()) {
            return; // stale pid file of a dead server: PostgreSQL itself ignores it
        }
        log.warn("An embedded PostgreSQL from an earlier run (pid {}) still runs on {}; stopping it", pid, pgData);
        ProcessHandle postmaster = process.get();
        postmaster.destroy(); // SIGTERM = PostgreSQL "smart" shutdown
        try {
            postmaster.onExit().get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded PostgreSQL of an earlier run (pid " + pid
                    + ") does not stop; stop it and start LineDesk again", e);
        }
    }
}
