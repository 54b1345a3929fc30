package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linedesk.core.NotFoundException;

/**
 * Versions of the SLA definitions: a reload validates the new files completely before anything
 * changes, a load that means something new is the next version, one that only moves comments is not,
 * and what changed between two versions is told in words.
 */
class SlaCatalogTest {

    @TempDir
    Path dir;
    final InMemoryVersions store = new InMemoryVersions();
    SlaCatalog catalog;

    @BeforeEach
    void shippedFiles() throws IOException {
        for (String name : new String[] {"calendars.yaml", "policies.yaml"}) {
            Files.copy(Path.of("..", "sla-definitions", name), dir.resolve(name));
        }
        catalog = new SlaCatalog(dir, project -> project.equals("default") || project.equals("games"), store, Clock.systemUTC());
    }

    @Test
    void aBadReloadKeepsWhatWasInForce() throws IOException {
        SlaDefinitions before = catalog.current();
        edit("policies.yaml", "resolution: 8h", "resolution: eight hours");

        assertThatThrownBy(() -> catalog.reload("po")).isInstanceOf(InvalidSlaDefinitionsException.class)
                .hasMessageContaining("sla-definitions/policies.yaml").hasMessageContaining("resolution");
        assertThat(catalog.current()).isSameAs(before);
        assertThat(store.versions).hasSize(1);
    }

    @Test
    void aChangedLoadIsTheNextVersionAndTheOldOneStaysReadable() throws IOException {
        assertThat(catalog.newest().number()).isEqualTo(1);
        edit("policies.yaml", "P2: { firstResponse: 1h,  resolution: 8h }", "P2: { firstResponse: 1h,  resolution: 6h }");

        SlaCatalog.Reloaded reloaded = catalog.reload("po");

        assertThat(reloaded.changed()).isTrue();
        assertThat(reloaded.version().number()).isEqualTo(2);
        assertThat(reloaded.previous()).isEqualTo(1);
        assertThat(catalog.current().policy("standard").target(org.linedesk.ticket.Priority.P2, Metric.RESOLUTION))
                .hasHours(6);
        assertThat(catalog.version(1).policy("standard").target(org.linedesk.ticket.Priority.P2, Metric.RESOLUTION))
                .hasHours(8);
        assertThat(store.versions.get(1).loadedBy()).isEqualTo("po");
        assertThatThrownBy(() -> catalog.version(7)).isInstanceOf(NotFoundException.class).hasMessageContaining("7");
    }

    @Test
    void commentsAndLayoutAloneAreNoNewVersion() throws IOException {
        Files.writeString(dir.resolve("calendars.yaml"), "# a new remark\n" + Files.readString(dir.resolve("calendars.yaml"))
                .replace("timeZone: Europe/Moscow\n    allDay: true", "allDay: true\n    timeZone: Europe/Moscow"));

        SlaCatalog.Reloaded reloaded = catalog.reload("po");

        assertThat(reloaded.changed()).isFalse();
        assertThat(reloaded.version().number()).isEqualTo(1);
    }

    @Test
    void theChangesBetweenTwoVersionsAreTold() throws IOException {
        edit("policies.yaml", "P2: { firstResponse: 1h,  resolution: 8h }", "P2: { firstResponse: 1h,  resolution: 6h }");
        edit("policies.yaml", "  - id: abuse\n", "  - id: abuse-gone\n");
        edit("calendars.yaml", "holidays: [2027-01-04, 2027-01-05, 2027-01-06, 2027-01-08]",
                "holidays: [2027-01-04, 2027-01-05, 2027-01-06, 2027-01-07]");
        edit("calendars.yaml", "saturday:  [\"10:00-18:00\"]", "saturday:  [\"11:00-18:00\"]");
        catalog.reload("po");

        List<String> changes = SlaVersionDiff.between(store.versions.get(0).files(), store.versions.get(1).files());

        assertThat(changes).containsExactlyInAnyOrder(
                "calendar support-moscow: week.saturday 11:00-18:00 added",
                "calendar support-moscow: week.saturday 10:00-18:00 removed",
                "calendar office-moscow: holidays 2027-01-07 added",
                "calendar office-moscow: holidays 2027-01-08 removed",
                "policy abuse removed",
                "policy standard: targets.P2.resolution 8h → 6h",
                "policy games-standard: targets.P2.resolution 8h → 6h", // the same line in both
                "policy abuse-gone added");
    }

    private void edit(String file, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(file), text.replace(from, to));
    }

    /** The store as a list, for tests without a database. */
    static final class InMemoryVersions implements SlaVersionStore {
        final List<StoredVersion> versions = new ArrayList<>();

        private Optional<StoredVersion> newest() {
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }

        @Override
        public int newestNumber() {
            return versions.size();
        }

        @Override
        public Optional<StoredVersion> find(int number) {
            return number < 1 || number > versions.size() ? Optional.empty() : Optional.of(versions.get(number - 1));
        }

        @Override
        public StoredVersion addIfChanged(Map<String, String> files, String checksum, String loadedBy, String reason) {
            if (newest().filter(v -> v.checksum().equals(checksum)).isPresent()) {
                return newest().get();
            }
            StoredVersion v = new StoredVersion(versions.size() + 1, Map.copyOf(files), checksum, loadedBy, Instant.now(), reason);
            versions.add(v);
            return v;
        }

        @Override
        public List<VersionSummary> list() {
            return versions.stream().map(v -> new VersionSummary(v.number(), v.loadedBy(), v.loadedAt(), v.reason(), 0)).toList();
        }

        @Override
        public void adoptUnversionedClocks() {
        }
    }
}
