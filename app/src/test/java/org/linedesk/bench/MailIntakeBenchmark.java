package org.linedesk.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.linedesk.LineDeskApplication;
import org.linedesk.support.MailServer.RawMail;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * E-mail intake benchmark (issue 4): puts N messages (a realistic mix: English and Russian, UTF-8,
 * KOI8-R and windows-1251, HTML, attachments) into an IMAP mailbox on GreenMail, starts LineDesk on a
 * fresh embedded PostgreSQL with that mailbox and GreenMail as its SMTP server, and measures the time
 * from the start of polling until every message is a ticket (messages/s) and until every
 * acknowledgement has left through the outbox and reached the SMTP server. Asserts nothing.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.linedesk.bench.MailIntakeBenchmark -Dexec.args="--messages=5000"</pre>
 */
public final class MailIntakeBenchmark {

    private static final String DESK = "support@bench.linedesk";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "5000"));
        int workers = Integer.parseInt(options.getOrDefault("workers", "8"));
        String interval = options.getOrDefault("interval", "PT1S");
        Path runDir = Path.of("target", "bench-data", "mail-" + System.currentTimeMillis());

        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(41025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(41143, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        try {
            GreenMailUser desk = greenMail.setUser(DESK, DESK, "secret");
            Instant deliverStart = Instant.now();
            Session session = Session.getInstance(new Properties());
            long bytes = 0;
            for (int i = 0; i < messages; i++) {
                byte[] raw = message(i);
                bytes += raw.length;
                desk.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
            }
            System.out.printf("LineDesk e-mail intake benchmark: %d messages (%.1f MB) in the IMAP mailbox (put there in"
                    + " %.1f s); %d intake workers, poll every %s; %d cores, data in %s%n", messages, bytes / 1e6,
                    Duration.between(deliverStart, Instant.now()).toMillis() / 1000.0, workers, interval,
                    Runtime.getRuntime().availableProcessors(), runDir);

            AtomicReference<Instant> pollingStarts = new AtomicReference<>();
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LineDeskApplication.class)
                    // scheduled polling starts when the context is refreshed
                    .listeners(event -> {
                        if (event instanceof ContextRefreshedEvent) {
                            pollingStarts.compareAndSet(null, Instant.now());
                        }
                    })
                    // the demo profile brings the support groups the routing rules name
                    .run("--spring.profiles.active=demo", "--linedesk.data-dir=" + runDir, "--server.port=0", "--logging.level.root=warn",
                            "--logging.level.org.linedesk=warn",
                            "--logging.level.org.linedesk.channel.email.MailboxPoller=info", "--linedesk.mail.from=" + DESK,
                            "--spring.mail.host=127.0.0.1", "--spring.mail.port=41025",
                            "--linedesk.mail.inbound.interval=" + interval,
                            "--linedesk.mail.inbound.workers=" + workers,
                            "--linedesk.mail.inbound.mailboxes[0].name=support",
                            "--linedesk.mail.inbound.mailboxes[0].host=127.0.0.1",
                            "--linedesk.mail.inbound.mailboxes[0].port=41143",
                            "--linedesk.mail.inbound.mailboxes[0].username=" + DESK,
                            "--linedesk.mail.inbound.mailboxes[0].password=secret",
                            "--linedesk.mail.inbound.mailboxes[0].address=" + DESK)) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                Instant start = pollingStarts.get();
                Instant ticketsDone = null;
                Instant acksDone = null;
                Instant give_up = Instant.now().plus(Duration.ofMinutes(10));
                while (Instant.now().isBefore(give_up) && (ticketsDone == null || acksDone == null)) {
                    Thread.sleep(100);
                    long taken = jdbc.queryForObject("select count(*) from inbound_mail", Long.class);
                    if (ticketsDone == null && taken >= messages) {
                        ticketsDone = jdbc.queryForObject("select max(received_at) from inbound_mail",
                                java.sql.Timestamp.class).toInstant();
                    }
                    long sent = jdbc.queryForObject("select count(*) from outbound_mail where status = 'SENT'", Long.class);
                    if (acksDone == null && sent >= messages) {
                        acksDone = jdbc.queryForObject("select max(sent_at) from outbound_mail",
                                java.sql.Timestamp.class).toInstant();
                    }
                }
                Map<String, Object> outcome = jdbc.queryForMap("""
                        select count(*) filter (where outcome = 'OPENED') opened,
                               count(*) filter (where outcome = 'QUARANTINED') quarantined,
                               count(*) filter (where raw is not null) raw_kept from inbound_mail""");
                long tickets = jdbc.queryForObject("select count(*) from ticket where channel = 'EMAIL' and requester_email like 'customer%'", Long.class);
                long attachments = jdbc.queryForObject("select count(*) from attachment", Long.class);
                List<Map<String, Object>> groups = jdbc.queryForList(
                        "select current_group, count(*) n from ticket where requester_email like 'customer%' group by 1 order by 1");
                Map<String, Object> mail = jdbc.queryForMap("""
                        select count(*) filter (where status = 'SENT') sent, count(*) filter (where status <> 'SENT') not_sent,
                               count(distinct to_address) recipients from outbound_mail where purpose = 'ACKNOWLEDGEMENT'""");
                Thread.sleep(1000); // the SMTP server stores the last mail just after our client saw "250 OK"
                long received = java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
                    try {
                        // acknowledgements only (not the customers' messages, nor replies in the demo data)
                        return m.getAllRecipients()[0].toString().startsWith("customer") && m.getSubject().startsWith("[INC-");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).count();
                System.out.printf("inbound: %s; tickets %d, attachments %d; queues %s%n", outcome, tickets, attachments,
                        groups.stream().map(g -> g.get("current_group") + "=" + g.get("n")).toList());
                System.out.printf("acknowledgements: %s; received by the SMTP server: %d%n", mail, received);
                if (ticketsDone == null || acksDone == null) {
                    System.out.printf("RESULT incomplete after 10 minutes: tickets done %s, acknowledgements done %s%n",
                            ticketsDone, acksDone);
                    return;
                }
                double ticketSeconds = Duration.between(start, ticketsDone).toMillis() / 1000.0;
                double ackSeconds = Duration.between(start, acksDone).toMillis() / 1000.0;
                System.out.printf("RESULT %d messages -> tickets in %.1f s = %.0f messages/s; every acknowledgement sent"
                        + " after %.1f s (%.0f/s); %d of %d acknowledgements received by SMTP%n", messages, ticketSeconds,
                        messages / ticketSeconds, ackSeconds, messages / ackSeconds, received, messages);
            }
        } finally {
            greenMail.stop();
        }
    }

    /** A mix like a help desk's inbox: mostly plain text, some legacy Russian charsets, HTML, files. */
    static byte[] message(int i) {
        String sender = "customer" + (i % (2500)) + "@example." + (i % 3 == 0 ? "ru" : "com");
        RawMail mail = RawMail.from("Customer " + i + " <" + sender + ">", DESK, "bench-" + i + "@example.org");
        return switch (i % 10) {
            case 0, 1, 2 -> mail.subject("Cannot open the invoices page (" + i + ")")
                    .text("plain", "Hello,\n\nsince this morning the invoices page shows an error " + i
                            + ".\nBrowser: Firefox.\n\nRegards", "UTF-8", "quoted-printable").bytes();
            case 3, 4 -> mail.subject("Не подходит пароль " + i, "UTF-8", "B")
                    .text("plain", "Здравствуйте! Пароль перестал подходить после обновления. Номер " + i, "UTF-8", "8bit").bytes();
            case 5 -> mail.subject("Ошибка в почтовом клиенте " + i, "KOI8-R", "B")
                    .text("plain", "Почтовый клиент не получает письма с утра. Заявка " + i, "KOI8-R", "8bit").bytes();
            case 6 -> mail.subject("Не работает VPN " + i, "windows-1251", "Q")
                    .text("plain", "VPN отключается каждые пять минут. Обращение " + i, "windows-1251", "quoted-printable").bytes();
            case 7 -> mail.subject("Printer on floor 3 (" + i + ")").multipart("alternative", "alt" + i, """
                    --alt%1$d
                    Content-Type: text/plain; charset=UTF-8

                    The printer on floor 3 prints blank pages (%1$d).
                    --alt%1$d
                    Content-Type: text/html; charset=UTF-8

                    <p>The <b>printer</b> on floor 3 prints blank pages (%1$d).</p>
                    --alt%1$d--
                    """.formatted(i)).bytes();
            default -> mail.subject("Screenshot of the error " + i).multipart("mixed", "mix" + i, """
                    --mix%1$d
                    Content-Type: text/plain; charset=UTF-8

                    See the attached log (%1$d).
                    --mix%1$d
                    Content-Type: text/plain; name="error.log"
                    Content-Disposition: attachment; filename="error.log"
                    Content-Transfer-Encoding: base64

                    %2$s
                    --mix%1$d--
                    """.formatted(i, new String(RawMail.encode(("ERROR line\n".repeat(200)).getBytes(StandardCharsets.UTF_8),
                    "base64"), StandardCharsets.US_ASCII))).bytes();
        };
    }
}
