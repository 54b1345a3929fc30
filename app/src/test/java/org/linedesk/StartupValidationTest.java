package org.linedesk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A bad SLA, process or routing file stops the start, saying which file, which field or element, and why. */
class StartupValidationTest {

    @TempDir
    Path dir;

    @Test
    void aBadSlaFileStopsTheStart() throws IOException {
        Path sla = Files.createDirectories(dir.resolve("sla-definitions"));
        for (String name : new String[] {"calendars.yaml", "policies.yaml", "priority-matrix.dmn"}) {
            Files.copy(Path.of("..", "sla-definitions", name), sla.resolve(name));
        }
        Files.writeString(sla.resolve("policies.yaml"), Files.readString(sla.resolve("policies.yaml"))
                .replace("calendar: support-moscow", "calendar: support-mars"));

        assertThatThrownBy(() -> start("--linedesk.sla-definitions-dir=" + sla))
                .rootCause()
                .hasMessageContaining("sla-definitions/policies.yaml")
                .hasMessageContaining("$.policies[1].calendar")
                .hasMessageContaining("unknown calendar 'support-mars'");
    }

    @Test
    void aBadProcessFileStopsTheStart() throws IOException {
        Path processes = Files.createDirectories(dir.resolve("processes"));
        Files.writeString(processes.resolve("incident.bpmn"), Files.readString(Path.of("..", "processes", "incident.bpmn"))
                .replace("label=Ask the customer; needs=reply", "label=Ask the customer; needs=replies"));

        assertThatThrownBy(() -> start("--linedesk.processes-dir=" + processes))
                .hasStackTraceContaining("processes/incident.bpmn: Task_Triage: property 'action:ask-customer':"
                        + " unknown input 'replies'");
    }

    @Test
    void aBadRoutingFileStopsTheStart() throws IOException {
        Path processes = Files.createDirectories(dir.resolve("processes"));
        Files.copy(Path.of("..", "processes", "incident.bpmn"), processes.resolve("incident.bpmn"));
        Files.writeString(processes.resolve("routing.yaml"), Files.readString(Path.of("..", "processes", "routing.yaml"))
                .replace("regex: \"(?iu)password|парол\"", "regex: \"(?iu)password|(парол\""));

        assertThatThrownBy(() -> start("--linedesk.processes-dir=" + processes))
                .rootCause()
                .hasMessageContaining("processes/routing.yaml: rule 'passwords' ($.rules[2]).when.text.regex:"
                        + " not a valid regular expression: Unclosed group");
    }

    private void start(String setting) {
        new SpringApplicationBuilder(LineDeskApplication.class).profiles("test")
                // an engine name of its own: closing this context must not unregister the shared test
                // context's "default" engine, which the engine's REST API and the webapps look up by name
                // (no hyphen: the starter ignores an engine name with one); no webapps either: Cockpit keeps
                // its engine access in a static that a closing context would clear for the shared one
                .run("--linedesk.data-dir=" + dir.resolve("data"), "--server.port=0",
                        "--camunda.bpm.process-engine-name=startupValidationTest", "--camunda.bpm.webapp.enabled=false",
                        setting)
                .close();
    }
}
