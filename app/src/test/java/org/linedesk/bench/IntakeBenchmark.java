package org.linedesk.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.RuntimeService;
import org.linedesk.LineDeskApplication;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.IdentityBootstrap;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.TicketService;
import org.linedesk.workflow.IncidentProcess;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ticket intake benchmark (issue 2): {@code POST /api/tickets} from C concurrent connections for a
 * fixed time, then the same number of tickets through {@code TicketService} without HTTP, then — in the same run, same JVM, same database — the bare engine's
 * {@code startProcessInstanceByKey} rate for the incident process with the same concurrency.
 * The bare starts need ticket rows for the process's listeners; those rows are inserted beforehand
 * and not timed. Prints figures; asserts nothing. See docs/performance.md.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.linedesk.bench.IntakeBenchmark -Dexec.args="--seconds=30 --clients=16"</pre>
 * The HTTP load comes from wrk (Debian package {@code wrk}) in its own process.
 */
public final class IntakeBenchmark {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        Path runDir = Path.of("target", "bench-data", "intake-" + System.currentTimeMillis());
        System.out.printf("LineDesk intake benchmark: %d s, %d clients, %d s warm-up, %d cores, data in %s%n",
                seconds, clients, warmup, Runtime.getRuntime().availableProcessors(), runDir);

        // The JVM keeps getting faster as it compiles hot code, so whichever configuration runs later
        // gains. A warm-up round, then the two configurations alternate twice; each is the mean of its rounds.
        Path noClocks = ProcessWithoutClocks.derive(Path.of("processes", "incident.bpmn"), runDir.resolve("processes"));
        System.out.println("-- warm-up round (with SLA clocks, not counted)");
        measure(runDir.resolve("warm-up"), seconds, clients, warmup);
        List<Result[]> withRounds = new java.util.ArrayList<>();
        List<Result[]> withoutRounds = new java.util.ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            System.out.println("-- round " + round + ": without SLA clocks (linedesk.sla.enabled=false, incident.bpmn without its SLA event subprocess)");
            withoutRounds.add(measure(runDir.resolve("without-" + round), seconds, clients, warmup,
                    "--linedesk.sla.enabled=false", "--linedesk.processes-dir=" + noClocks.toAbsolutePath()));
            System.out.println("-- round " + round + ": with SLA clocks (as shipped)");
            withRounds.add(measure(runDir.resolve("with-" + round), seconds, clients, warmup));
        }
        double[] with = means(withRounds);
        double[] without = means(withoutRounds);
        System.out.printf("RESULT with clocks (mean of 2): HTTP %.0f tickets/s, service %.0f/s, bare engine %.0f/s, HTTP/bare %.0f%%%n",
                with[0], with[1], with[2], 100 * with[0] / with[2]);
        System.out.printf("RESULT without clocks (mean of 2): HTTP %.0f tickets/s, service %.0f/s, bare engine %.0f/s%n",
                without[0], without[1], without[2]);
        System.out.printf("RESULT clocks keep %.0f%% of HTTP intake, %.0f%% of service intake%n",
                100 * with[0] / without[0], 100 * with[1] / without[1]);
        System.exit(0);
    }

    /** Mean rates (per second) of HTTP, service and bare engine over the rounds. */
    private static double[] means(List<Result[]> rounds) {
        double[] sums = new double[3];
        for (Result[] r : rounds) {
            for (int i = 0; i < 3; i++) {
                sums[i] += r[i].perSecond() / rounds.size();
            }
        }
        return sums;
    }

    /** One application on a fresh database: HTTP intake, service intake, bare engine starts. */
    static Result[] measure(Path dataDir, int seconds, int clients, int warmup, String... extraArgs) throws Exception {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--linedesk.data-dir=" + dataDir,
                "--server.port=0", "--logging.level.root=warn", "--logging.level.org.linedesk=warn"),
                java.util.Arrays.stream(extraArgs)).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LineDeskApplication.class).run(args)) {
            IdentityBootstrap identity = app.getBean(IdentityBootstrap.class);
            identity.ensureUser(USER, "Bench", "Client", "bench@localhost", PASSWORD);
            identity.ensureMembership(USER, GroupTypes.FIRST_LINE);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();

            Result warm = httpIntake(app, port, warmup, clients);
            System.out.printf("warm-up HTTP : %s%n", warm);
            Result http = httpIntake(app, port, seconds, clients);
            System.out.printf("HTTP intake  : %s%n", http);

            int tickets = http.count();
            Result service = serviceIntake(app, tickets, clients);
            System.out.printf("service call : %s%n", service);

            Result warmBare = bareEngine(app, Math.max(500, warm.count()), clients);
            System.out.printf("warm-up bare : %s%n", warmBare);
            Result bare = bareEngine(app, tickets, clients);
            System.out.printf("bare engine  : %s%n", bare);
            return new Result[] {http, service, bare};
        }
    }

    /**
     * POST /api/tickets from {@code clients} connections for {@code seconds}, by wrk in its own process
     * (a load generator inside this JVM would take a third of the two cores from the server).
     * Every request must create a ticket, checked against the ticket table, or the run is void.
     */
    static Result httpIntake(ConfigurableApplicationContext app, int port, int seconds, int clients) throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        long before = jdbc.queryForObject("select count(*) from ticket", Long.class);
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Path script = Files.createTempFile("intake", ".lua");
        try (var in = IntakeBenchmark.class.getResourceAsStream("/bench/intake.lua")) {
            Files.writeString(script, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"AUTH\"", "\"" + auth + "\""));
        }
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), "http://localhost:" + port).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Map<String, String> figures = new HashMap<>();
        output.lines().filter(l -> l.startsWith("WRK ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figures from wrk: " + output))
                .substring(4).lines().flatMap(l -> Arrays.stream(l.split(" ")))
                .forEach(kv -> figures.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        long requests = Long.parseLong(figures.get("requests"));
        Thread.sleep(2000); // requests in flight when wrk stopped still complete on the server
        long created = jdbc.queryForObject("select count(*) from ticket", Long.class) - before;
        if (!"0".equals(figures.get("errors")) || created < requests || created > requests + clients) {
            throw new IllegalStateException("void run: " + requests + " requests, " + created + " tickets, errors "
                    + figures.get("errors") + "\n" + output);
        }
        return new Result((int) requests, Duration.ofNanos((long) (Double.parseDouble(figures.get("seconds")) * 1e9)),
                Double.parseDouble(figures.get("p50")), Double.parseDouble(figures.get("p95")),
                Double.parseDouble(figures.get("p99")), Double.parseDouble(figures.get("max")));
    }

    /** TicketService.open without HTTP, JSON and authentication: shows where the time of the HTTP path goes. */
    static Result serviceIntake(ConfigurableApplicationContext app, int count, int clients) throws Exception {
        TicketService service = app.getBean(TicketService.class);
        return run(count, clients, i -> service.open(new NewTicket("Service ticket " + i, "Cannot log in (" + i + ")",
                new Requester("Customer", "customer" + (i % 1000) + "@example.com"), Channel.EMAIL, Level.LOW,
                Level.MEDIUM, null, null), USER));
    }

    /** The same process started directly on the engine; the ticket rows its listeners need are inserted first, untimed. */
    static Result bareEngine(ConfigurableApplicationContext app, int count, int clients) throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        RuntimeService runtime = app.getBean(RuntimeService.class);
        long first = jdbc.queryForObject("select setval('ticket_number_seq', nextval('ticket_number_seq') + ?)",
                Long.class, count) - count + 1;
        Instant now = Instant.now();
        jdbc.batchUpdate("""
                insert into ticket (id, number, subject, description, requester_email, channel, impact, urgency,
                  priority, status, created_at, updated_at, queued_at, version, project)
                values (?, ?, 'bare', 'bare', 'bare@example.com', 'EMAIL', 'MEDIUM', 'MEDIUM', 'P3', 'NEW', ?, ?, ?, 0, 'default')""",
                java.util.stream.LongStream.range(first, first + count).mapToObj(id -> new Object[] {
                        id, String.format("INC-%07d", id), java.sql.Timestamp.from(now), java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now)}).toList());
        return run(count, clients, i -> {
            long id = first + i;
            Map<String, Object> vars = new HashMap<>();
            vars.put(IncidentProcess.VAR_TICKET_ID, id);
            vars.put(IncidentProcess.VAR_GROUP, GroupTypes.FIRST_LINE);
            runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_KEY, String.valueOf(id), vars);
        });
    }

    interface Call {
        void run(int i) throws Exception;
    }

    static Result run(int count, int clients, Call call) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        Future<?>[] workers = new Future<?>[clients];
        for (int c = 0; c < clients; c++) {
            workers[c] = pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    call.run(i);
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            });
        }
        for (Future<?> w : workers) {
            w.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(latencies);
        return Result.of(count, Duration.ofNanos(elapsed), latencies);
    }

    record Result(int count, Duration elapsed, double p50, double p95, double p99, double max) {

        static Result of(int count, Duration elapsed, long[] sortedNanos) {
            return new Result(count, elapsed, percentile(sortedNanos, 0.50), percentile(sortedNanos, 0.95),
                    percentile(sortedNanos, 0.99), sortedNanos[sortedNanos.length - 1] / 1e6);
        }

        private static double percentile(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }

        double perSecond() {
            return count / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%d in %.1f s = %.0f/s, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                    count, elapsed.toNanos() / 1e9, perSecond(), p50, p95, p99, max);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = BenchOptions.parse(args);
        return options;
    }
}
