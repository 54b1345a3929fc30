package org.linedesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.linedesk.support.RefusingSmtpServer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.mail.MailProperties;

/** The "smtp" health: not configured is no failure; configured and silent is, with the reason. */
class SmtpHealthTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void noServerConfiguredIsUpAndSaysSo() {
        Health health = new SmtpHealth(new MailProperties(), NOW).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("smtp").toString()).startsWith("not configured");
    }

    @Test
    void aConfiguredServerThatDoesNotAnswerIsDownWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Health health = new SmtpHealth(properties(closedPort), NOW).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("server")).isEqualTo("127.0.0.1:" + closedPort);
        assertThat(health.getDetails().get("reason").toString()).contains("Connection refused");
    }

    @Test
    void aServerThatAnswersIsUpAndTheAnswerIsKeptForHalfAMinute() throws Exception {
        MutableClock clock = new MutableClock();
        SmtpHealth smtp;
        try (RefusingSmtpServer server = new RefusingSmtpServer()) {
            smtp = new SmtpHealth(properties(server.port()), clock);
            assertThat(smtp.health().getStatus()).isEqualTo(Status.UP);
        }
        // the server is gone; within 30 s the kept answer stands (no connection per probe), after it not
        clock.now = clock.now.plus(Duration.ofSeconds(29));
        assertThat(smtp.health().getStatus()).isEqualTo(Status.UP);
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        Health later = smtp.health();
        assertThat(later.getStatus()).as(later.getDetails().toString()).isEqualTo(Status.DOWN);
    }

    private static MailProperties properties(int port) {
        MailProperties p = new MailProperties();
        p.setHost("127.0.0.1");
        p.setPort(port);
        return p;
    }

    static final class MutableClock extends Clock {
        Instant now = NOW.instant();

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
