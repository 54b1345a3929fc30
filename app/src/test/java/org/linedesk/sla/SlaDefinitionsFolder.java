package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The test context's sla-definitions folder (linedesk.sla-definitions-dir, missing at start so the
 * packaged copies are read): a test writes the shipped files there, edits them and reloads; {@link #restore}
 * puts the packaged files back in force.
 */
final class SlaDefinitionsFolder {

    private final Path dir;
    private final org.linedesk.support.EngineTimers timers;

    private SlaDefinitionsFolder(Path dir, org.linedesk.support.EngineTimers timers) {
        this.dir = dir;
        this.timers = timers;
    }

    /** Monday 10:00 Moscow on the engine's clock, and the shipped files in the folder. */
    static SlaDefinitionsFolder onMonday(Path dir, org.linedesk.support.EngineTimers timers) {
        timers.setTime(java.util.Date.from(SlaClocksTest.MONDAY_10_MSK));
        return new SlaDefinitionsFolder(dir, timers).shipped();
    }

    /** The packaged files in force again (a version of their own) and the real clock. */
    void restore(SlaCatalog catalog) {
        remove();
        catalog.reload("test");
        timers.reset();
    }

    private SlaDefinitionsFolder shipped() {
        try {
            Files.createDirectories(dir);
            for (String name : new String[] {"calendars.yaml", "policies.yaml"}) {
                Files.copy(Path.of("..", "sla-definitions", name), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file; the text must be there (a test that edits nothing proves nothing). */
    SlaDefinitionsFolder edit(String file, String from, String to) {
        try {
            String text = Files.readString(dir.resolve(file));
            assertThat(text).as(file).contains(from);
            Files.writeString(dir.resolve(file), text.replace(from, to));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a policy's block, from its "- id:" line up to the next policy's. */
    SlaDefinitionsFolder removePolicy(String id) {
        try {
            String text = Files.readString(dir.resolve("policies.yaml"));
            int start = text.indexOf("  - id: " + id + "\n");
            assertThat(start).as("policy %s", id).isNotNegative();
            int end = text.indexOf("  - id: ", start + 1);
            Files.writeString(dir.resolve("policies.yaml"), text.substring(0, start) + (end < 0 ? "" : text.substring(end)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remove() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
