package org.linedesk.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.linedesk.LineDeskApplication;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.IdentityBootstrap;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.TicketService;
import org.linedesk.workflow.ProcessMigrations;
import org.linedesk.workflow.ProcessStudio;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Migration benchmark (issue 11): opens N tickets on the shipped incident process, deploys a changed
 * version from the studio, measures intake alone for a while, then migrates every ticket of the old
 * version to the new one (an engine batch on the job executor) while the same intake goes on, and
 * prints the time until all are on the new version and intake during the migration against intake
 * without it. Asserts nothing.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.linedesk.bench.MigrationBenchmark -Dexec.args="--tickets=10000 --intake-threads=4"</pre>
 */
public final class MigrationBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "10000"));
        int openThreads = Integer.parseInt(options.getOrDefault("open-threads", "8"));
        int intakeThreads = Integer.parseInt(options.getOrDefault("intake-threads", "4"));
        Duration baseline = Duration.parse(options.getOrDefault("baseline", "PT30S"));
        Path runDir = Path.of("target", "bench-data", "migration-" + System.currentTimeMillis());
        System.out.printf("LineDesk migration benchmark: %d tickets on v1 migrated to v2 while %d threads open tickets;"
                + " %d cores, data in %s%n", tickets, intakeThreads, Runtime.getRuntime().availableProcessors(), runDir);

        List<String> appArgs = new ArrayList<>(List.of("--linedesk.data-dir=" + runDir, "--server.port=0",
                "--logging.level.root=warn", "--logging.level.org.linedesk=warn"));
        // engine settings to try, e.g. --camunda.bpm.job-execution.max-pool-size=2
        options.forEach((name, value) -> {
            if (name.startsWith("camunda.") || name.startsWith("linedesk.")) {
                appArgs.add("--" + name + "=" + value);
                System.out.printf("  setting %s=%s%n", name, value);
            }
        });
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LineDeskApplication.class)
                .run(appArgs.toArray(String[]::new))) {
            // the shipped model hands over to solvers; a deployment from the studio needs the group to exist
            app.getBean(IdentityBootstrap.class).ensureGroup("solvers", "Solvers", GroupTypes.SUPPORT);
            TicketService service = app.getBean(TicketService.class);
            ProcessStudio studio = app.getBean(ProcessStudio.class);
            ProcessMigrations migrations = app.getBean(ProcessMigrations.class);

            Instant openStart = Instant.now();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(openThreads);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < openThreads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < tickets; i = next.getAndIncrement()) {
                        open(service, "Running " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            System.out.printf("opened %d tickets on v1 in %.1f s%n", tickets, Duration.between(openStart, Instant.now()).toMillis() / 1000.0);

            String shipped = Files.readString(Path.of("processes", "incident.bpmn"));
            String changed = shipped.replace("<camunda:property name=\"action:close-spam\"",
                            "<camunda:property name=\"action:to-abuse\" value=\"label=Forward to Abuse; accepts=reason\"/>"
                                    + "<camunda:property name=\"action:close-spam\"")
                    .replace(">${action == 'hand-over'}<", ">${action == 'hand-over' || action == 'to-abuse'}<");
            ProcessStudio.Deployed v2 = studio.deploy("incident.bpmn", changed.getBytes(StandardCharsets.UTF_8), "bench");
            int from = v2.version() - 1;
            System.out.printf("deployed v%d (%s)%n", v2.version(), v2.changes());

            double withoutMigration = 0;
            if (intakeThreads > 0) {
                Intake alone = Intake.start(service, intakeThreads);
                Thread.sleep(baseline.toMillis());
                withoutMigration = alone.stop();
                System.out.printf("intake without migration: %.1f tickets/s over %s%n", withoutMigration, baseline);
            }

            Intake during = intakeThreads > 0 ? Intake.start(service, intakeThreads) : null;
            Instant migrationStart = Instant.now();
            ProcessMigrations.Result started = migrations.migrate("incident", from, v2.version(), List.of(), "bench");
            ProcessMigrations.Result status = started;
            while (status.id() != null && !status.state().equals("done") && !status.state().equals("failed")) {
                Thread.sleep(500);
                status = migrations.status(started.id());
            }
            Duration took = Duration.between(migrationStart, Instant.now());
            double withMigration = during == null ? 0 : during.stop();
            System.out.printf("migration %s: %d migrated, %d pending, %d stay, failures %s%n", status.state(), status.migrated(),
                    status.pending(), status.skipped().size(), status.failures());
            org.camunda.bpm.engine.RuntimeService runtime = app.getBean(org.camunda.bpm.engine.RuntimeService.class);
            org.camunda.bpm.engine.RepositoryService repository = app.getBean(org.camunda.bpm.engine.RepositoryService.class);
            for (var definition : repository.createProcessDefinitionQuery().processDefinitionKey("incident").list()) {
                System.out.printf("  v%d: %d running tickets%n", definition.getVersion(),
                        runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count());
            }
            System.out.printf("RESULT migrated %d tickets in %.1f s (%.0f tickets/s)%n", status.migrated(), took.toMillis() / 1000.0,
                    status.migrated() * 1000.0 / took.toMillis());
            if (intakeThreads > 0) {
                System.out.printf("RESULT intake during migration %.1f tickets/s vs %.1f without = %.0f %%%n", withMigration,
                        withoutMigration, 100 * withMigration / withoutMigration);
            }
        }
        System.exit(0);
    }

    private static void open(TicketService service, String subject) {
        service.open(new NewTicket(subject, "Benchmark ticket", new Requester(null, "bench@example.com"), Channel.EMAIL,
                Level.MEDIUM, Level.MEDIUM, null, null), "bench");
    }

    /** Threads opening tickets as fast as they can until stopped; the rate is tickets per second. */
    private record Intake(ExecutorService pool, AtomicBoolean running, AtomicLong opened, long startNanos) {

        static Intake start(TicketService service, int threads) {
            Intake intake = new Intake(Executors.newFixedThreadPool(threads), new AtomicBoolean(true), new AtomicLong(),
                    System.nanoTime());
            for (int t = 0; t < threads; t++) {
                intake.pool.submit(() -> {
                    while (intake.running.get()) {
                        open(service, "Intake");
                        intake.opened.incrementAndGet();
                    }
                    return null;
                });
            }
            return intake;
        }

        double stop() throws InterruptedException {
            running.set(false);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long count = opened.get();
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            return count / seconds;
        }
    }
}
