package org.linedesk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.xml.parsers.SAXParserFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.linedesk.LineDeskApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Report benchmark (issue 5): starts LineDesk (demo profile) on a fresh embedded PostgreSQL, fills it
 * with N tickets of a year's history ({@link TicketGenerator}: tickets, SLA clocks, history, articles),
 * then measures over HTTP, as the manager maria:
 * <ol>
 * <li>the SLA compliance export of the last 365 days as XLSX ({@code /api/reports/sla-compliance}):
 *     wall time, time to the response headers, file size, rows per sheet (counted by streaming the
 *     sheets' XML, never loading the workbook), and the heap meanwhile: the maximum, the peak of the
 *     used heap sampled every 100 ms, the sum of the heap pools' peaks (reset before the export; an
 *     upper bound, the pools peak at different moments) and the collections;</li>
 * <li>the dashboard KPIs ({@code /api/reports/kpis}, JSON) of the last 30 days, {@code --runs} times after
 *     a warm-up (each time, p50, max), and once for the whole year.</li>
 * </ol>
 * The server runs in this JVM, so the heap figures are the server's (plus this small client). Run it with
 * the heap of a small node, 512 MB, to show that the export streams:
 * <pre>MAVEN_OPTS=-Xmx512m ./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.linedesk.bench.ReportBenchmark -Dexec.args="--tickets=1000000"</pre>
 * Options: {@code --tickets=1000000 --runs=5 --seed=42 --keep=false} ({@code --keep=true} keeps the
 * database and the exported file under target/bench-data; they take a few GB for a million tickets).
 * Any answer but 200 is printed (status and the start of the body) and ends the run with exit code 1.
 * Asserts nothing else.
 */
public final class ReportBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    private static final String USER = "maria";
    private static final String PASSWORD = "demo";
    private static final long MB = 1024 * 1024;

    public static void main(String[] args) {
        Map<String, String> options = BenchOptions.parse(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "1000000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        boolean keep = Boolean.parseBoolean(options.getOrDefault("keep", "false"));
        Path runDir = Path.of("target", "bench-data", "reports-" + System.currentTimeMillis());

        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("LineDesk report benchmark: %,d tickets, %d KPI runs, seed %d; max heap %d MB, %d cores,"
                + " data in %s%n", tickets, runs, seed, maxHeap / MB, Runtime.getRuntime().availableProcessors(), runDir);
        if (maxHeap > 600 * MB) {
            System.out.printf("WARNING: the max heap is %d MB; the export is meant to be measured with 512 MB"
                    + " (MAVEN_OPTS=-Xmx512m), a larger heap hides whether it streams%n", maxHeap / MB);
        }

        int exitCode = 0;
        try {
            run(runDir, tickets, runs, seed);
        } catch (Failure e) {
            System.out.println("FAILED " + e.getMessage());
            exitCode = 1;
        } catch (Exception e) {
            e.printStackTrace(System.out);
            exitCode = 1;
        } finally {
            if (keep) {
                System.out.println("kept the database and the export in " + runDir.toAbsolutePath());
            } else {
                delete(runDir);
            }
        }
        System.exit(exitCode);
    }

    private static void run(Path runDir, int tickets, int runs, long seed) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LineDeskApplication.class).run(
                "--spring.profiles.active=demo", "--linedesk.data-dir=" + runDir, "--server.port=0",
                "--logging.level.root=warn", "--logging.level.org.linedesk=warn",
                "--logging.level.org.linedesk.report.KpiQueries=debug")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            TicketGenerator.fill(app.getBean(JdbcTemplate.class), tickets, Instant.now(), seed);
            Client client = new Client(port);
            LocalDate today = LocalDate.now(ZONE);

            // 1. The year's SLA compliance as XLSX, streamed to a file.
            Path xlsx = runDir.resolve("sla-compliance.xlsx");
            String yearQuery = period(today.minusDays(365), today);
            HeapWatch heap = HeapWatch.start();
            long start = System.nanoTime();
            AtomicLong headersAt = new AtomicLong();
            HttpResponse<Path> export = client.send("/api/reports/sla-compliance?" + yearQuery + "&format=xlsx",
                    Duration.ofMinutes(30), info -> {
                        headersAt.set(System.nanoTime());
                        return BodySubscribers.ofFile(xlsx);
                    });
            double exportSeconds = (System.nanoTime() - start) / 1e9;
            HeapWatch.Figures heapFigures = heap.stop();
            if (export.statusCode() != 200) {
                throw new Failure("XLSX export", export.statusCode(), bodyStart(xlsx));
            }
            long bytes = Files.size(xlsx);
            System.out.printf("xlsx: HTTP 200 in %.1f s (headers after %.1f s), %.1f MB, %s; %s%n", exportSeconds,
                    (headersAt.get() - start) / 1e9, bytes / (double) MB,
                    export.headers().firstValue("Content-Type").orElse("no Content-Type"),
                    export.headers().firstValue("Content-Disposition").orElse("no Content-Disposition"));
            System.out.println("xlsx: heap " + heapFigures);
            long countStart = System.nanoTime();
            Map<String, Long> sheets = countRows(xlsx);
            long rows = sheets.values().stream().mapToLong(Long::longValue).sum();
            sheets.forEach((sheet, n) -> System.out.printf("xlsx: sheet %-24s %,10d rows%n", "'" + sheet + "'", n));
            System.out.printf("xlsx: %,d rows in %d sheets (counted in %.1f s)%n", rows, sheets.size(),
                    (System.nanoTime() - countStart) / 1e9);

            // 2. The dashboard's KPIs of the last 30 days: a warm-up, then --runs timed calls; the year once.
            String monthPath = "/api/reports/kpis?" + period(today.minusDays(30), today);
            Timed warmUp = client.json("KPIs (30 days, warm-up)", monthPath);
            System.out.printf("kpis 30 days warm-up: %.0f ms, %,d bytes; %s%n", warmUp.millis(), warmUp.bytes(),
                    sanity(warmUp.json()));
            List<Double> times = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Timed call = client.json("KPIs (30 days, run " + i + ")", monthPath);
                times.add(call.millis());
                System.out.printf("kpis 30 days run %d: %.0f ms%n", i, call.millis());
            }
            times.sort(Comparator.naturalOrder());
            double p50 = times.isEmpty() ? Double.NaN : times.get((int) Math.ceil(0.5 * times.size()) - 1);
            double max = times.isEmpty() ? Double.NaN : times.get(times.size() - 1);
            System.out.printf("kpis 30 days: p50 %.0f ms, max %.0f ms over %d runs%n", p50, max, times.size());
            Timed year = client.json("KPIs (365 days)", "/api/reports/kpis?" + yearQuery);
            System.out.printf("kpis 365 days: %.0f ms, %,d bytes; %s%n", year.millis(), year.bytes(), sanity(year.json()));
            // a past month: the backlog at its end is read from the history, not from the current state
            Timed past = client.json("KPIs (a past month)", "/api/reports/kpis?" + period(today.minusDays(60),
                    today.minusDays(31)));
            System.out.printf("kpis 30 days ending a month ago (backlog from the history): %.0f ms; %s%n", past.millis(),
                    sanity(past.json()));

            System.out.printf("RESULT %,d tickets: xlsx 365 days %.1f s, %,d rows, %.1f MB, peak heap %d MB sampled"
                    + " (pool peaks %d MB, max heap %d MB); kpis 30 days p50 %.0f ms, max %.0f ms; kpis 365 days %.0f ms%n",
                    tickets, exportSeconds, rows, bytes / (double) MB, heapFigures.sampledPeak() / MB,
                    heapFigures.poolPeaks() / MB, heapFigures.max() / MB, p50, max, year.millis());
        }
    }

    private static String period(LocalDate from, LocalDate to) {
        return "from=" + from + "&to=" + to + "&zone=" + ZONE.getId();
    }

    /** A few KPIs the generated data fixes (about 55 % handed over, 45 % by first line, 5 % reopened). */
    private static String sanity(JsonNode kpis) {
        return "handed over " + kpis.path("handedOverFromFirstLine").path("percent").asText("n/a")
                + " %, resolved by first line " + kpis.path("resolvedByFirstLine").path("percent").asText("n/a")
                + " %, reopened " + kpis.path("reopened").path("percent").asText("n/a")
                + " %, breached clocks " + kpis.path("breachedClocks").asText("n/a")
                + ", median first response " + kpis.path("firstResponse").path("calendarMedian").asText("n/a") + " s";
    }

    /** Rows per sheet, by a SAX pass over each sheet's XML: the workbook itself is never loaded. */
    static Map<String, Long> countRows(Path xlsx) throws Exception {
        // Sheet XML is repetitive and may compress better than POI's zip-bomb guard (1 %) expects.
        ZipSecureFile.setMinInflateRatio(0.001);
        Map<String, Long> rows = new LinkedHashMap<>();
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        OPCPackage pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ);
        try {
            XSSFReader.SheetIterator sheets = new XSSFReader(pkg).getSheetIterator();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    long[] count = {0};
                    factory.newSAXParser().parse(sheet, new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String localName, String qName, Attributes attributes) {
                            if ("row".equals(localName)) {
                                count[0]++;
                            }
                        }
                    });
                    rows.put(sheets.getSheetName(), count[0]);
                }
            }
        } finally {
            pkg.revert(); // read-only: close() would try to save it
        }
        return rows;
    }

    /** The start of a body (of an error answer), as text. */
    private static String bodyStart(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(8000), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(body unreadable: " + e + ")";
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            System.out.println("deleted " + dir + " (--keep=true keeps it)");
        } catch (IOException | UncheckedIOException e) {
            System.out.println("could not delete " + dir + ": " + e);
        }
    }

    /** HTTP with Basic authentication as the demo manager. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final ObjectMapper mapper = new ObjectMapper();
        private final String base;
        private final String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        Client(int port) {
            this.base = "http://localhost:" + port;
        }

        <T> HttpResponse<T> send(String path, Duration timeout, HttpResponse.BodyHandler<T> handler) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Authorization", authorization).GET().build();
            return http.send(request, handler);
        }

        /** GET a JSON answer, timed from sending to the last byte; anything but 200 is a failure. */
        Timed json(String what, String path) throws Exception {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = send(path, Duration.ofMinutes(5), BodyHandlers.ofByteArray());
            double millis = (System.nanoTime() - start) / 1e6;
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() != 200) {
                throw new Failure(what, response.statusCode(), body);
            }
            return new Timed(millis, response.body().length, mapper.readTree(body));
        }
    }

    private record Timed(double millis, long bytes, JsonNode json) {
    }

    /** A call that did not answer 200: its status and the start of its body. */
    private static final class Failure extends Exception {
        Failure(String what, int status, String body) {
            super(what + ": HTTP " + status + "\n" + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
        }
    }

    /**
     * The heap during one measurement: used heap sampled every 100 ms by a daemon thread, the heap pools'
     * peaks (reset at the start, after a full collection so the baseline is the live data) and the
     * collections that happened meanwhile.
     */
    private static final class HeapWatch {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final AtomicLong sampledPeak = new AtomicLong();
        private final long baseline;
        private final long[] gcBefore;
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            System.gc();
            baseline = memory.getHeapMemoryUsage().getUsed();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            gcBefore = gcCountAndMillis();
            sampler = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        private void sample() {
            sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }

        Figures stop() throws InterruptedException {
            running = false;
            sampler.interrupt();
            sampler.join();
            sample();
            long poolPeaks = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long[] gcAfter = gcCountAndMillis();
            return new Figures(Runtime.getRuntime().maxMemory(), baseline, sampledPeak.get(), poolPeaks,
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
        }

        private static long[] gcCountAndMillis() {
            long[] sums = new long[2];
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                sums[0] += Math.max(0, gc.getCollectionCount());
                sums[1] += Math.max(0, gc.getCollectionTime());
            }
            return sums;
        }

        record Figures(long max, long baseline, long sampledPeak, long poolPeaks, long collections, long gcMillis) {
            @Override
            public String toString() {
                return String.format("max %d MB, used before %d MB, peak used %d MB (sampled every 100 ms),"
                        + " sum of pool peaks %d MB; %d collections, %d ms GC", max / MB, baseline / MB,
                        sampledPeak / MB, poolPeaks / MB, collections, gcMillis);
            }
        }
    }
}
