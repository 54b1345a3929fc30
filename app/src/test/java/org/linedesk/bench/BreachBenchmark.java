package org.linedesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.linedesk.LineDeskApplication;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.IdentityBootstrap;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.TicketService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SLA breach benchmark (issue 3): opens N tickets whose resolution clocks breach within one window
 * (a short resolution target on a 24x7 calendar), lets the engine's job executor fire the timers in
 * real time, then prints per breach the lag between the due instant and the recorded escalation
 * (p50, p99, max) and the counts of missed and duplicated breaches. Asserts nothing.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.linedesk.bench.BreachBenchmark -Dexec.args="--tickets=10000 --window=PT59S --target=PT2M"</pre>
 * {@code --hand-over=true} adds the functional escalation (hand-over to Solvers) to every breach;
 * {@code --warm-up=500} lets 500 tickets of their own policy breach first (a server that has run a while);
 * {@code --analyze=false} skips the ANALYZE after the opening (statistics as autovacuum left them).
 */
public final class BreachBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "10000"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "8"));
        Duration window = Duration.parse(options.getOrDefault("window", "PT59S"));
        boolean handOver = Boolean.parseBoolean(options.getOrDefault("hand-over", "false"));
        // the tables were empty three minutes ago: without fresh statistics the planner's choice depends on
        // whether autovacuum happened to analyze them before the storm (runs then differ by a factor of five)
        boolean analyze = Boolean.parseBoolean(options.getOrDefault("analyze", "true"));
        // a server that has run for a while has compiled its breach path; a fresh JVM has not: this many
        // tickets of a policy of their own (group warm-up, 20 s target) breach and are handed over first
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "0"));
        Duration target = Duration.parse(options.getOrDefault("target", "PT3M"));
        Path runDir = Path.of("target", "bench-data", "breach-" + System.currentTimeMillis());
        Path sla = slaDefinitions(runDir.resolve("sla-definitions"), target, handOver);
        System.out.printf("LineDesk breach benchmark: %d tickets opened over %s, resolution target %s on 24x7,"
                + " escalation: notify%s; %d cores, data in %s%n", tickets, window, target,
                handOver ? " + hand-over to solvers" : "", Runtime.getRuntime().availableProcessors(), runDir);

        // the breach mails really go out during the storm, to an SMTP server on loopback (as to a relay)
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LineDeskApplication.class).run(
                "--linedesk.data-dir=" + runDir, "--server.port=0", "--logging.level.root=warn",
                "--logging.level.org.linedesk=warn", "--linedesk.sla-definitions-dir=" + sla.toAbsolutePath(),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort())) {
            IdentityBootstrap identity = app.getBean(IdentityBootstrap.class);
            identity.ensureGroup("solvers", "Solvers", GroupTypes.SUPPORT);
            // a team lead (a manager in first line) and a manager: every breach is mailed to both
            identity.ensureUser("lead", "Team", "Lead", "lead@bench.example", "bench");
            identity.ensureMembership("lead", GroupTypes.FIRST_LINE);
            identity.ensureMembership("lead", org.linedesk.identity.Role.MANAGER.groupId());
            identity.ensureUser("boss", "Desk", "Manager", "boss@bench.example", "bench");
            identity.ensureMembership("boss", org.linedesk.identity.Role.MANAGER.groupId());
            TicketService service = app.getBean(TicketService.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            if (warmUp > 0) {
                identity.ensureGroup("warm-up", "Warm-up", GroupTypes.SUPPORT);
                for (int i = 0; i < warmUp; i++) {
                    service.open(new NewTicket("Warm-up " + i, "Will breach first", new Requester(null, "w" + i + "@example.com"),
                            Channel.EMAIL, Level.MEDIUM, Level.MEDIUM, "warm-up", null), "bench");
                }
                Instant until = Instant.now().plusSeconds(90);
                while (Instant.now().isBefore(until) && jdbc.queryForObject("select count(*) from sla_clock where policy_id"
                        + " = 'warm-up' and metric = 'RESOLUTION' and breached_at is not null", Long.class) < warmUp) {
                    Thread.sleep(1000);
                }
                Thread.sleep(5000); // their hand-overs and mails done
                System.out.printf("warm-up: %d tickets breached and handed over%n", warmUp);
            }

            Instant openStart = Instant.now();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < tickets; i = next.getAndIncrement()) {
                        // spread the openings (and so the dues) evenly over the window
                        long wait = openStart.plusNanos(window.toNanos() * i / tickets).toEpochMilli() - System.currentTimeMillis();
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                        service.open(new NewTicket("Breach " + i, "Will breach", new Requester(null, "c" + i + "@example.com"),
                                Channel.EMAIL, Level.MEDIUM, Level.MEDIUM, null, null), "bench");
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            Duration opening = Duration.between(openStart, Instant.now());
            if (analyze) {
                jdbc.execute("analyze"); // what a desk in steady state has: statistics of its tables
            }
            Map<String, Object> dues = jdbc.queryForMap(
                    "select min(due_at) first_due, max(due_at) last_due from sla_clock where metric = 'RESOLUTION' and policy_id = 'bench'");
            Instant firstDue = ((java.sql.Timestamp) dues.get("first_due")).toInstant();
            Instant lastDue = ((java.sql.Timestamp) dues.get("last_due")).toInstant();
            System.out.printf("opened %d tickets in %.1f s (%.0f/s)%s; resolution dues from %s to %s (window %.1f s)%n",
                    tickets, opening.toMillis() / 1000.0, tickets * 1000.0 / opening.toMillis(),
                    analyze ? ", tables analyzed" : "", firstDue, lastDue,
                    Duration.between(firstDue, lastDue).toMillis() / 1000.0);

            Instant deadline = lastDue.plusSeconds(60);
            long breached = 0;
            while (Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                breached = jdbc.queryForObject("select count(*) from sla_clock where metric = 'RESOLUTION' and policy_id = 'bench' and breached_at is not null", Long.class);
                if (breached == tickets && Instant.now().isAfter(lastDue.plusSeconds(10))) {
                    break;
                }
            }
            List<Long> lags = jdbc.queryForList("""
                    select (extract(epoch from escalated_at - breached_at) * 1000)::bigint from sla_clock
                     where metric = 'RESOLUTION' and policy_id = 'bench' and breached_at is not null order by 1""", Long.class);
            long missed = jdbc.queryForObject("""
                    select count(*) from sla_clock where metric = 'RESOLUTION' and policy_id = 'bench' and breached_at is null and due_at < now() - interval '5 seconds'""", Long.class);
            long duplicated = jdbc.queryForObject("""
                    select count(*) from (select ticket_id from ticket_event where type = 'SLA_BREACHED' and new_value = 'RESOLUTION' and ticket_id in (select ticket_id from sla_clock where policy_id = 'bench')
                     group by ticket_id having count(*) > 1) d""", Long.class);
            long handedOver = jdbc.queryForObject("select count(*) from ticket where current_group = 'solvers' and subject like 'Breach %'", Long.class);
            List<Long> escalationLags = jdbc.queryForList(
                    "select (extract(epoch from max(n.at) - c.breached_at) * 1000)::bigint from sla_clock c"
                            + " join sla_notification n on n.ticket_id = c.ticket_id and n.kind = 'BREACH' and n.metric = 'RESOLUTION'"
                            + " where c.metric = 'RESOLUTION' and c.policy_id = 'bench' group by c.ticket_id, c.breached_at order by 1", Long.class);
            long notified = jdbc.queryForObject("select count(distinct ticket_id) from sla_notification where kind = 'BREACH' and metric = 'RESOLUTION'"
                    + " and ticket_id in (select ticket_id from sla_clock where policy_id = 'bench')", Long.class);
            long mails = jdbc.queryForObject("select count(*) from outbound_mail where purpose = 'SLA_NOTIFICATION'"
                    + " and subject like '%SLA breached: resolution%'"
                    + " and ticket_id in (select ticket_id from sla_clock where policy_id = 'bench')", Long.class);
            System.out.printf("breaches recorded %d of %d; escalated (handed over to solvers) %d; lead/manager notified for %d,"
                    + " breach mails queued %d, received by SMTP so far %d%n", lags.size(), tickets, handedOver, notified, mails,
                    smtp.getReceivedMessages().length);
            System.out.printf("RESULT lag due→escalation steps done (notify%s) p50=%d ms p99=%d ms max=%d ms%n",
                    handOver ? " + hand-over" : "", percentile(escalationLags, 0.50), percentile(escalationLags, 0.99),
                    escalationLags.isEmpty() ? -1 : escalationLags.get(escalationLags.size() - 1));
            // how the lag develops over the storm: p99 per tenth of the due window (a stall at the start
            // shows as a high first tenth that never comes down)
            List<Long> byTenth = jdbc.queryForList("""
                    select (percentile_disc(0.99) within group (order by extract(epoch from escalated_at - breached_at) * 1000))::bigint
                      from (select escalated_at, breached_at, ntile(10) over (order by breached_at) tenth from sla_clock
                             where metric = 'RESOLUTION' and policy_id = 'bench' and breached_at is not null) t group by tenth order by tenth""", Long.class);
            System.out.printf("lag p99 per tenth of the window (ms): %s%n", byTenth);
            System.out.printf("RESULT lag due→breach recorded and escalation started p50=%d ms p99=%d ms max=%d ms missed=%d duplicated=%d%n",
                    percentile(lags, 0.50), percentile(lags, 0.99), lags.isEmpty() ? -1 : lags.get(lags.size() - 1),
                    missed, duplicated);
        }
        System.exit(0);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** A 24x7 calendar and one policy whose resolution target is short, with the shipped priority matrix. */
    private static Path slaDefinitions(Path dir, Duration target, boolean handOver) throws Exception {
        Files.createDirectories(dir);
        Files.copy(Path.of("sla-definitions", "priority-matrix.dmn"), dir.resolve("priority-matrix.dmn"));
        Files.writeString(dir.resolve("calendars.yaml"), """
                calendars:
                  - id: 24x7
                    timeZone: UTC
                    allDay: true
                """);
        StringBuilder targets = new StringBuilder();
        for (String p : List.of("P1", "P2", "P3", "P4", "P5")) {
            targets.append("      ").append(p).append(": { firstResponse: 24h, resolution: ").append(target).append(" }\n");
        }
        Files.writeString(dir.resolve("policies.yaml"), """
                policies:
                  - id: warm-up
                    when:
                      group: [warm-up]
                    calendar: 24x7
                    targets:
                %s    breach:
                      resolution: { notify: [group-lead, manager]%s }
                  - id: bench
                    default: true
                    calendar: 24x7
                    targets:
                %s    breach:
                      resolution: { notify: [group-lead, manager]%s }
                """.formatted(targets.toString().replace("resolution: " + target, "resolution: PT20S"),
                handOver ? ", handOverTo: solvers" : "", targets, handOver ? ", handOverTo: solvers" : ""));
        return dir;
    }
}
