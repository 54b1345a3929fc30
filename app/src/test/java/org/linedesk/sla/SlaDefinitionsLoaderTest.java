package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.Status;

class SlaDefinitionsLoaderTest {

    static final Path SHIPPED = Path.of("..", "sla-definitions");

    final SlaDefinitionsLoader loader = new SlaDefinitionsLoader();

    @TempDir
    Path dir;

    @Test
    void theShippedDefinitionsLoadAndSelectByGroupWithADefault() {
        SlaDefinitions sla = loader.load(SHIPPED);

        assertThat(sla.calendars()).containsKeys("24x7", "support-moscow", "office-moscow");
        SlaPolicy abuse = sla.select(new SlaPolicy.TicketFacts(Channel.EMAIL, "abuse", Priority.P3, null, null));
        SlaPolicy standard = sla.select(new SlaPolicy.TicketFacts(Channel.EMAIL, "first-line", Priority.P3, null, null));
        assertThat(abuse.id()).isEqualTo("abuse");
        assertThat(standard.id()).isEqualTo("standard");
        assertThat(standard.target(Priority.P1, Metric.FIRST_RESPONSE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(standard.calendarFor(Priority.P1)).isEqualTo("24x7");
        assertThat(standard.calendarFor(Priority.P2)).isEqualTo("support-moscow");
        assertThat(standard.pauseOn()).containsExactly(Status.PENDING_CUSTOMER);
        assertThat(standard.warnings()).extracting(SlaPolicy.Warning::percent).containsExactly(75, 90);
        assertThat(standard.onBreach(Metric.RESOLUTION).handOverTo()).isEqualTo("solvers");
    }

    @Test
    void eachProjectHasItsOwnPoliciesAndOneWithoutFollowsTheDefaultProjects() {
        SlaDefinitions sla = loader.load(SHIPPED);

        SlaPolicy games = sla.select(new SlaPolicy.TicketFacts(Channel.WEB, "games-first-line", Priority.P3, null, "games"));
        assertThat(games.id()).isEqualTo("games-standard");
        assertThat(games.calendarFor(Priority.P3)).isEqualTo("games-evenings");
        // the default project's group conditions never pick a games ticket...
        assertThat(sla.select(new SlaPolicy.TicketFacts(Channel.WEB, "abuse", Priority.P3, null, "games")).id())
                .isEqualTo("games-standard");
        // ...and a project without policies of its own follows the default project's default
        assertThat(sla.select(new SlaPolicy.TicketFacts(Channel.WEB, "x", Priority.P3, null, "search")).id())
                .isEqualTo("standard");
        assertThat(sla.calendarProjects()).containsEntry("games-evenings", "games").doesNotContainKey("24x7");
    }

    @Test
    void aPolicyMayNotUseAnotherProjectsCalendarAndEachProjectHasOneDefault() throws IOException {
        write("all.yaml", """
                calendars:
                  - id: games-hours
                    project: games
                    timeZone: Europe/Moscow
                    allDay: true
                  - id: shared
                    timeZone: Europe/Moscow
                    allDay: true
                policies:
                  - id: standard
                    default: true
                    calendar: games-hours
                    targets:
                      P1: { firstResponse: 15m, resolution: 4h }
                      P2: { firstResponse: 15m, resolution: 4h }
                      P3: { firstResponse: 15m, resolution: 4h }
                      P4: { firstResponse: 15m, resolution: 4h }
                      P5: { firstResponse: 15m, resolution: 4h, calendar: games-hours }
                  - id: games-one
                    project: games
                    default: true
                    calendar: games-hours
                    targets:
                      P1: { firstResponse: 15m, resolution: 4h }
                      P2: { firstResponse: 15m, resolution: 4h }
                      P3: { firstResponse: 15m, resolution: 4h }
                      P4: { firstResponse: 15m, resolution: 4h }
                      P5: { firstResponse: 15m, resolution: 4h }
                  - id: games-two
                    project: games
                    default: true
                    calendar: shared
                    targets:
                      P1: { firstResponse: 15m, resolution: 4h }
                      P2: { firstResponse: 15m, resolution: 4h }
                      P3: { firstResponse: 15m, resolution: 4h }
                      P4: { firstResponse: 15m, resolution: 4h }
                      P5: { firstResponse: 15m, resolution: 4h }
                """);

        InvalidSlaDefinitionsException e = (InvalidSlaDefinitionsException)
                org.assertj.core.api.Assertions.catchThrowable(() -> loader.load(dir));
        assertThat(e.errors()).contains(
                "sla-definitions/all.yaml: $.policies[0].calendar: calendar 'games-hours' belongs to project 'games'; "
                        + "a policy of project 'default' may use shared calendars and its own project's",
                "sla-definitions/all.yaml: $.policies[0].targets.P5.calendar: calendar 'games-hours' belongs to project "
                        + "'games'; a policy of project 'default' may use shared calendars and its own project's",
                "sla-definitions: project 'games': exactly one policy must be `default: true` (found 2)");
        // games-one uses its own project's calendar: no complaint about it
        assertThat(e.errors()).noneMatch(m -> m.contains("$.policies[1]"));
    }

    @Test
    void thePackagedCopiesAreUsedWithoutAFolder() {
        assertThat(loader.load(dir.resolve("missing")).policies()).isNotEmpty();
    }

    @Test
    void schemaViolationsNameFileAndField() throws IOException {
        write("calendars.yaml", """
                calendars:
                  - id: cal
                    timeZone: Europe/Moscow
                    allDay: true
                    colour: blue
                """);
        write("policies.yaml", """
                policies:
                  - id: p
                    default: true
                    calendar: cal
                    targets:
                      P1: { firstResponse: soon, resolution: 4h }
                """);

        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(InvalidSlaDefinitionsException.class)
                .hasMessageContaining("sla-definitions/calendars.yaml").hasMessageContaining("colour")
                .hasMessageContaining("sla-definitions/policies.yaml").hasMessageContaining("firstResponse");
    }

    @Test
    void meaningIsCheckedToo() throws IOException {
        write("all.yaml", """
                calendars:
                  - id: cal
                    timeZone: Mars/Olympus
                    allDay: true
                  - id: shifts
                    timeZone: Europe/Moscow
                    week:
                      monday: ["09:00-09:00"]
                policies:
                  - id: p
                    calendar: nowhere
                    targets:
                      P1: { firstResponse: 15m, resolution: 0h }
                """);

        InvalidSlaDefinitionsException e = (InvalidSlaDefinitionsException)
                org.assertj.core.api.Assertions.catchThrowable(() -> loader.load(dir));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("calendar 'cal'.timeZone").contains("Mars/Olympus"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("calendar 'shifts'").contains("empty"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("$.policies[0].calendar").contains("nowhere"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("$.policies[0].targets.P1.resolution").contains("longer than zero"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("$.policies[0].targets.P2").contains("every priority"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("exactly one policy must be `default: true`"));
    }

    @Test
    void brokenYamlIsReported() throws IOException {
        write("bad.yaml", "policies: [ { id: x ");

        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("sla-definitions/bad.yaml: not valid YAML");
    }

    @Test
    void durations() {
        assertThat(SlaDefinitionsLoader.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(SlaDefinitionsLoader.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(SlaDefinitionsLoader.parseDuration("PT4H")).isEqualTo(Duration.ofHours(4));
        assertThatThrownBy(() -> SlaDefinitionsLoader.parseDuration("4 hours")).hasMessageContaining("not a duration");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
