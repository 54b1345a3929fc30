package org.linedesk.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** With an external database configured, LineDesk starts no PostgreSQL of its own. */
class NoDatasourceUrlConfiguredTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withUserConfiguration(EmbeddedDatabaseConfiguration.class);

    @Test
    void anExternalUrlMeansNoEmbeddedServer() {
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/linedesk",
                        "linedesk.data-dir=target/never-used")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                    assertThat(context.getBean(javax.sql.DataSource.class).toString()).doesNotContain("linedesk-embedded");
                });
    }
}
