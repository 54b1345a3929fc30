package org.linedesk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Process files are checked before deployment and deployed only when they changed. */
@IntegrationTest
class ProcessDeployerTest {

    static final Path PROJECT_PROCESSES = Path.of("..", "processes");
    static final Path SLA_DEFINITIONS = Path.of("..", "sla-definitions");

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    ProcessModelCheck check;
    @Autowired
    org.linedesk.project.ProjectDirectory projects;

    @TempDir
    Path dir;

    /** Other tests of this context start tickets on the newest version: leave the project's file newest. */
    @AfterEach
    void restoreTheProjectsProcess() throws IOException {
        new ProcessDeployer(repositoryService, check, PROJECT_PROCESSES, SLA_DEFINITIONS, projects).afterPropertiesSet();
    }

    @Test
    void anUnchangedFileMakesNoNewVersionFromTheFolderOrFromTheJar() throws IOException {
        new ProcessDeployer(repositoryService, check, PROJECT_PROCESSES, SLA_DEFINITIONS, projects).afterPropertiesSet(); // back to the project's file
        long before = versions();

        new ProcessDeployer(repositoryService, check, PROJECT_PROCESSES, SLA_DEFINITIONS, projects).afterPropertiesSet();
        new ProcessDeployer(repositoryService, check, PROJECT_PROCESSES, SLA_DEFINITIONS, projects).afterPropertiesSet();
        new ProcessDeployer(repositoryService, check, dir.resolve("does-not-exist"), dir.resolve("does-not-exist"), projects).afterPropertiesSet();

        assertThat(versions()).isEqualTo(before);
    }

    @Test
    void aChangedFileIsANewVersion() throws IOException {
        long before = versions();
        write(incident().replace("First line answers typical questions", "First line answers the usual questions"));

        new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet();

        assertThat(versions()).isEqualTo(before + 1);
    }

    @Test
    void aMistypedActionPropertyStopsTheDeploymentWithFileElementAndReason() throws IOException {
        long before = versions();
        write(incident().replace("label=Close as spam; accepts=reason", "label=Close as spam; acepts=reason"));

        assertThatThrownBy(() -> new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet())
                .isInstanceOf(InvalidProcessException.class)
                .hasMessageContaining("processes/incident.bpmn")
                .hasMessageContaining("Task_Triage")
                .hasMessageContaining("action:close-spam")
                .hasMessageContaining("unknown key 'acepts'");
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    void anActionWithoutAnOutgoingFlowIsRefused() throws IOException {
        write(incident().replace("<camunda:property name=\"action:close-spam\"",
                "<camunda:property name=\"action:forward\" value=\"needs=reply\"/><camunda:property name=\"action:close-spam\""));

        assertThatThrownBy(() -> new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet())
                .hasMessageContaining("action:forward")
                .hasMessageContaining("Gateway_TriageOutcome");
    }

    @Test
    void brokenXmlAndAWrongFileNameAreRefused() throws IOException {
        write(incident().substring(0, 2000));
        assertThatThrownBy(() -> new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet())
                .hasMessageContaining("processes/incident.bpmn");

        Files.delete(dir.resolve("incident.bpmn"));
        Files.writeString(dir.resolve("ticket.bpmn"), incident());
        assertThatThrownBy(() -> new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet())
                .hasMessageContaining("processes/ticket.bpmn")
                .hasMessageContaining("named after its process id");
    }

    @Test
    void anEngineParseErrorIsReportedToo() throws IOException {
        write(incident().replace("${tickets.resolve(execution)}", "${tickets.resolve(execution"));

        assertThatThrownBy(() -> new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet())
                .isInstanceOf(InvalidProcessException.class)
                .hasMessageContaining("incident.bpmn");
    }

    private long versions() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
                .withoutTenantId().count();
    }

    @Test
    void aFolderNamedAfterAProjectHoldsThatProjectsOwnProcessAndAnyOtherFolderStopsTheStart() throws IOException {
        write(incident());
        Files.createDirectories(dir.resolve("games"));
        Files.writeString(dir.resolve("games").resolve("incident.bpmn"),
                incident().replace("label=Answer and resolve", "label=Answer the player and resolve"));
        long shared = versions();

        new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet();

        var games = repositoryService.createProcessDefinitionQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
                .tenantIdIn("games").latestVersion().singleResult();
        assertThat(games).isNotNull();
        assertThat(new String(repositoryService.getProcessModel(games.getId()).readAllBytes(), StandardCharsets.UTF_8))
                .contains("Answer the player and resolve");
        assertThat(versions()).as("the shared file was unchanged").isEqualTo(shared);

        Files.createDirectories(dir.resolve("atlantis"));
        Files.writeString(dir.resolve("atlantis").resolve("incident.bpmn"), incident());
        assertThatThrownBy(() -> new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects)
                .afterPropertiesSet()).isInstanceOf(InvalidProcessException.class)
                .hasMessageContaining("processes/atlantis/: no project 'atlantis'");
        // games back on the shipped flow (other tests expect its labels)
        Files.delete(dir.resolve("atlantis").resolve("incident.bpmn"));
        Files.writeString(dir.resolve("games").resolve("incident.bpmn"), incident());
        new ProcessDeployer(repositoryService, check, dir, SLA_DEFINITIONS, projects).afterPropertiesSet();
    }

    private static String incident() throws IOException {
        return Files.readString(PROJECT_PROCESSES.resolve("incident.bpmn"), StandardCharsets.UTF_8);
    }

    private void write(String content) throws IOException {
        Files.writeString(dir.resolve("incident.bpmn"), content, StandardCharsets.UTF_8);
    }
}
