package org.linedesk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.linedesk.LineDeskApplication;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.identity.IdentityBootstrap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Web console benchmark (issue 6): server time of the agent's work list and of the ticket page with
 * 1,000,000 tickets in the database ({@link TicketGenerator}) and at least 10,000 open tickets in the
 * agent's groups (the agent is in every support group). Requests go one at a time over loopback with
 * HTTP Basic, so the time measured is the server's plus a loopback round trip. Ticket pages are those of
 * tickets opened through the API (with a running process, as real ones have). Asserts nothing.
 *
 * <p>{@code --projects=N} (issue 12) spreads the tickets over N projects: the default project and
 * {@code p01}..: a ticket whose id modulo N is k > 0 moves to project pk, its groups renamed
 * {@code pk-first-line}, {@code pk-passwords}, …; the agent then works in every group of p01 alone.
 *
 * <pre>./mvnw -q -pl app test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.linedesk.bench.ConsoleBenchmark -Dexec.args="--tickets=1000000 --requests=300 --projects=20"</pre>
 */
public final class ConsoleBenchmark {

    private static final String AGENT = "bench-agent";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "1000000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "300"));
        int projects = Integer.parseInt(options.getOrDefault("projects", "1"));
        Path runDir = Path.of("target", "bench-data", "console-" + System.currentTimeMillis());
        int exit = 0;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LineDeskApplication.class).run(
                "--spring.profiles.active=demo", "--linedesk.data-dir=" + runDir, "--server.port=0",
                "--logging.level.root=warn", "--logging.level.org.linedesk=warn")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            TicketGenerator.fill(jdbc, tickets, Instant.now(), 42);

            IdentityBootstrap identity = app.getBean(IdentityBootstrap.class);
            identity.ensureUser(AGENT, "Bench", "Agent", "bench@example.com", "bench");
            List<String> groups = projects > 1 ? spreadOverProjects(app, jdbc, projects)
                    : app.getBean(GroupDirectory.class).supportGroups().stream().map(GroupDirectory.SupportGroup::id)
                            .filter(g -> !g.startsWith("games-")).toList();
            groups.forEach(g -> identity.ensureMembership(AGENT, g));

            Http http = new Http(port);
            List<String> pages = new ArrayList<>();
            for (int i = 0; i < 200; i++) { // real tickets, with their process, spread over the groups
                String body = new ObjectMapper().writeValueAsString(Map.of("subject", "Bench ticket " + i,
                        "description", "Printer on floor " + i, "group", groups.get(i % groups.size()),
                        "requester", Map.of("name", "Ivan Petrov", "email", "ivan" + i + "@example.com")));
                HttpResponse<String> created = http.post("/api/tickets", body);
                pages.add(new ObjectMapper().readTree(created.body()).get("number").asText());
            }
            Integer inGroups = jdbc.queryForObject("""
                    select count(*) from ticket where status in ('NEW', 'OPEN', 'IN_PROGRESS')
                       and current_group in (select group_id_ from act_id_membership where user_id_ = ?)""",
                    Integer.class, AGENT);
            Integer visible = jdbc.queryForObject("""
                    select count(*) from ticket where status in ('NEW', 'OPEN', 'IN_PROGRESS')
                       and (assignee is null or assignee = ?)
                       and current_group in (select group_id_ from act_id_membership where user_id_ = ?)""",
                    Integer.class, AGENT, AGENT);
            Integer all = jdbc.queryForObject("select count(*) from ticket", Integer.class);
            System.out.printf("console: %,d tickets in the database (%d projects); %,d open in the agent's %d groups,"
                    + " %,d of them free or the agent's (the work list's candidates)%n", all, projects, inGroups,
                    groups.size(), visible);

            double[] work = http.time("/work", requests, i -> "/work");
            double[] filtered = http.time("/work?priority=P2&channel=EMAIL", requests,
                    i -> "/work?priority=P2&channel=EMAIL");
            double[] ticket = http.time("ticket page", requests, i -> "/tickets/" + pages.get(i % pages.size()));
            System.out.printf("RESULT %d projects: work list p50 %.1f ms p95 %.1f ms max %.1f ms; filtered work list p50 %.1f ms p95"
                    + " %.1f ms; ticket page p50 %.1f ms p95 %.1f ms max %.1f ms (%d requests each)%n",
                    projects, work[0], work[1], work[2], filtered[0], filtered[1], ticket[0], ticket[1], ticket[2], requests);
            // issue 16: the console's search page, as the agent who sees every group's tickets
            Integer withText = jdbc.queryForObject("select count(*) from ticket_text", Integer.class);
            System.out.printf("console: %,d tickets with a search document%n", withText);
            String[] queries = {"toner cartridge", "пароль", "\"blank pages\"", pages.get(7), "принт", "VPN disconnects",
                    "printer -toner", "zzqx nothing matches"};
            double worst = 0;
            for (String q : queries) {
                String path = "/search?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8);
                java.util.regex.Matcher total = java.util.regex.Pattern.compile("id=\"search-total\">([^<]+)<")
                        .matcher(http.get(path));
                System.out.printf("console: search %s finds %s%n", q, total.find() ? total.group(1) : "nothing");
                double[] t = http.time("search " + q, Math.max(20, requests / 5), i -> path);
                worst = Math.max(worst, t[1]);
            }
            System.out.printf("RESULT search: worst p95 over %d queries %.1f ms%n", queries.length, worst);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            exit = 1;
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(runDir);
        }
        System.exit(exit);
    }

    /** The default project's groups, as the generator writes them; each other project gets its own copies. */
    private static final List<String> GROUPS = List.of("first-line", "passwords", "web", "solvers", "abuse");

    /**
     * Creates projects p01..p(n-1) with their own copies of the five groups and moves every ticket whose id
     * modulo n is k > 0 (with its groups) into pk. Returns the groups of p01, where the agent works.
     */
    private static List<String> spreadOverProjects(ConfigurableApplicationContext app, JdbcTemplate jdbc, int n) {
        long start = System.nanoTime();
        org.linedesk.project.ProjectAdministration admin = app.getBean(org.linedesk.project.ProjectAdministration.class);
        IdentityBootstrap identity = app.getBean(IdentityBootstrap.class);
        for (int k = 1; k < n; k++) {
            String key = String.format("p%02d", k);
            admin.create(new org.linedesk.project.ProjectAdministration.NewProject(key, "Project " + k, null, null, null,
                    key + "-first-line"), "bench");
            for (String group : GROUPS.subList(1, GROUPS.size())) {
                identity.ensureGroup(key + "-" + group, key + " " + group, org.linedesk.identity.GroupTypes.SUPPORT);
                admin.addGroup(key, key + "-" + group, "bench");
            }
        }
        int moved = jdbc.update("""
                update ticket set project = 'p' || lpad((id % ?)::text, 2, '0'),
                       current_group = 'p' || lpad((id % ?)::text, 2, '0') || '-' || current_group,
                       last_answered_group = 'p' || lpad((id % ?)::text, 2, '0') || '-' || last_answered_group
                 where id % ? <> 0 and project = 'default'""", n, n, n, n);
        jdbc.execute("vacuum analyze ticket");
        System.out.printf("console: %,d tickets moved into %d further projects in %.0f s%n", moved, n - 1,
                (System.nanoTime() - start) / 1e9);
        return GROUPS.stream().map(g -> "p01-" + g).toList();
    }

    private static final class Http {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final String auth = "Basic " + Base64.getEncoder().encodeToString((AGENT + ":bench")
                .getBytes(StandardCharsets.UTF_8));

        Http(int port) {
            base = "http://localhost:" + port;
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r;
        }

        /** p50, p95, max in ms over {@code n} sequential GETs, after a warm-up of n/5. */
        double[] time(String what, int n, java.util.function.IntFunction<String> path) throws Exception {
            int bytes = 0;
            for (int i = 0; i < n / 5; i++) {
                get(path.apply(i));
            }
            double[] millis = new double[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                bytes = get(path.apply(i)).length();
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            double[] r = {millis[n / 2], millis[(int) Math.ceil(n * 0.95) - 1], millis[n - 1]};
            System.out.printf("console: %-34s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%,d bytes)%n", what, r[0], r[1],
                    r[2], bytes);
            return r;
        }

        private String get(String path) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", auth).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " "
                        + r.body().substring(0, Math.min(2000, r.body().length())));
            }
            return r.body();
        }
    }
}
