package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload validates the new files completely before anything is swapped in. */
class SlaCatalogTest {

    @TempDir
    Path dir;

    @Test
    void aBadReloadKeepsWhatWasInForce() throws IOException {
        for (String name : new String[] {"calendars.yaml", "policies.yaml"}) {
            Files.copy(Path.of("..", "sla-definitions", name), dir.resolve(name));
        }
        SlaCatalog catalog = new SlaCatalog(dir, project -> project.equals("default") || project.equals("games"));
        SlaDefinitions before = catalog.current();

        Files.writeString(dir.resolve("policies.yaml"), Files.readString(dir.resolve("policies.yaml"))
                .replace("resolution: 8h", "resolution: eight hours"));

        assertThatThrownBy(catalog::reload).isInstanceOf(InvalidSlaDefinitionsException.class)
                .hasMessageContaining("sla-definitions/policies.yaml").hasMessageContaining("resolution");
        assertThat(catalog.current()).isSameAs(before);
    }
}
