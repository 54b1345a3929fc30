package org.linedesk.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** processes/projects.yaml is checked whole: every problem names the file, the project and the field. */
class ProjectsFileTest {

    static ProjectsFile parse(String yaml) throws IOException {
        return ProjectsFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theShippedFileDescribesTheDefaultAndTheGamesDesk() {
        ProjectsFile file = ProjectsFile.load(Path.of("..", "processes"));
        assertThat(file.projects()).extracting(ProjectsFile.Entry::key).containsExactly("default", "games");
        ProjectsFile.Entry games = file.projects().get(1);
        assertThat(games.ticketPrefix()).isEqualTo("GAM");
        assertThat(games.groups()).containsExactlyInAnyOrder("games-first-line", "games-support");
        assertThat(games.members()).containsExactly("greta");
    }

    @Test
    void aGroupInTwoProjectsABadTimeZoneAndADuplicateKeyAreAllReported() {
        assertThatThrownBy(() -> parse("""
                projects:
                  - key: mail
                    name: Mail
                    firstLine: mail-first-line
                    groups: [billing]
                  - key: games
                    name: Games
                    timeZone: Mars/Olympus
                    groups: [billing, mail-first-line]
                  - key: games
                    name: Games again
                """)).isInstanceOfSatisfying(InvalidProjectsException.class, e -> assertThat(e.errors()).containsExactly(
                "processes/projects.yaml: project 'games': timeZone: 'Mars/Olympus' is not a time zone (e.g. Europe/Moscow)",
                "processes/projects.yaml: project 'games': groups: 'billing' is already a group of project 'mail'; a group belongs to one project",
                "processes/projects.yaml: project 'games': groups: 'mail-first-line' is already a group of project 'mail'; a group belongs to one project",
                "processes/projects.yaml: project 'games': key: is used by another project of the file"));
    }

    @Test
    void theSchemaNamesFieldsThatAreNotAllowed() {
        assertThatThrownBy(() -> parse("""
                projects:
                  - key: Games!
                    name: Games
                    ticketPrefix: g
                """)).isInstanceOfSatisfying(InvalidProjectsException.class, e -> assertThat(String.join("\n", e.errors()))
                .contains("processes/projects.yaml").contains("key").contains("ticketPrefix"));
    }
}
