package org.linedesk.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where LineDesk listens and which database it uses, once it is ready. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final DataSource dataSource;

    StartupReport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        String url = "?";
        String product = "?";
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            url = meta.getURL();
            product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            log.warn("Could not read the database metadata", e);
        }
        String where = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? "http://localhost:" + web.getWebServer().getPort()
                : "(no web server)";
        log.info("LineDesk is ready at {} using {} ({})", where, url, product);
    }
}
