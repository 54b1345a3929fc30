package org.linedesk.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An installation from before projects (schema version 10, with tickets, templates, mail and usage
 * counts) upgrades to one `default` project holding all of it: nothing changes for it.
 */
@IntegrationTest
class ProjectsUpgradeTest {

    @Autowired
    DataSource appDataSource;

    @Test
    void everythingThatExistedBelongsToTheDefaultProjectAfterTheUpgrade() {
        JdbcClient app = JdbcClient.create(appDataSource);
        app.sql("drop database if exists upgrade_check").update();
        app.sql("create database upgrade_check").update();
        HikariDataSource main = (HikariDataSource) appDataSource;
        DriverManagerDataSource old = new DriverManagerDataSource(main.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)",
                "/upgrade_check$1"), main.getUsername(), main.getPassword());
        Flyway.configure().dataSource(old).locations("classpath:db/migration").target("10").load().migrate();
        JdbcClient db = JdbcClient.create(old);
        db.sql("""
                insert into ticket (id, number, subject, description, requester_email, channel, impact, urgency, priority,
                                    status, current_group, created_at, updated_at, queued_at, version)
                values (7, 'INC-0000007', 'Old ticket', 'from before projects', 'old@example.com', 'EMAIL', 'MEDIUM',
                        'MEDIUM', 'P3', 'NEW', 'first-line', now(), now(), now(), 0)""").update();
        db.sql("""
                insert into response_template (name, language, title, body, system, updated_at, updated_by)
                values ('old-answer', 'en', 'An agent''s template', 'Hello', false, now(), 'mgr')""").update();
        db.sql("insert into macro_usage (name, uses) values ('close-as-spam', 12)").update();
        db.sql("""
                insert into inbound_mail (mailbox, message_id, sender, received_at, outcome, ticket_id)
                values ('support', '<old@example.com>', 'old@example.com', now(), 'OPENED', 7)""").update();

        Flyway.configure().dataSource(old).locations("classpath:db/migration").load().migrate();

        assertThat(db.sql("select key, name, ticket_prefix, first_line from project").query().listOfRows())
                .containsExactly(Map.of("key", "default", "name", "Support", "ticket_prefix", "INC", "first_line", "first-line"));
        assertThat(db.sql("select project from ticket where id = 7").query(String.class).single()).isEqualTo("default");
        assertThat(db.sql("select project from inbound_mail").query(String.class).single()).isEqualTo("default");
        assertThat(db.sql("select project || '/' || name || ' ' || uses from macro_usage").query(String.class).list())
                .containsExactly("default/close-as-spam 12");
        // the agent's template is the default project's; LineDesk's own ones are shared by every project
        assertThat(db.sql("select coalesce(project, '(shared)') from response_template where name = 'old-answer'")
                .query(String.class).single()).isEqualTo("default");
        List<String> shared = db.sql("select distinct coalesce(project, '(shared)') from response_template where system")
                .query(String.class).list();
        assertThat(shared).containsExactly("(shared)");
        // and new rows must say their project: a forgotten one is refused, not silently put somewhere
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.sql("""
                insert into ticket (id, number, subject, description, requester_email, channel, impact, urgency, priority,
                                    status, current_group, created_at, updated_at, queued_at, version)
                values (8, 'INC-0000008', 'New', 'x', 'new@example.com', 'EMAIL', 'MEDIUM', 'MEDIUM', 'P3', 'NEW',
                        'first-line', now(), now(), now(), 0)""").update())
                .hasMessageContaining("project");
        app.sql("drop database upgrade_check with (force)").update();
    }
}
