package org.linedesk.sla;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.linedesk.core.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * The SLA definitions, versioned. Each load of sla-definitions/ that changes something (start-up or
 * reload; a bad file stops the start, or the reload, with file, field and reason) is kept as the next
 * numbered version. New tickets use the newest version; a clock keeps the version it started under, so
 * {@link #version} answers for any clock. Another node's reload is seen within {@link #REFRESH_MILLIS}.
 */
@Component
@DependsOn("projectAdministration") // the projects the files name exist then
public class SlaCatalog {

    private static final Logger log = LoggerFactory.getLogger(SlaCatalog.class);
    static final long REFRESH_MILLIS = 5_000;

    private final Path dir;
    private final SlaDefinitionsLoader loader = new SlaDefinitionsLoader();
    private final Predicate<String> projectExists;
    private final SlaVersionStore store;
    private final java.time.Clock clock;
    private final AtomicReference<Version> newest = new AtomicReference<>();
    private final AtomicLong checkedAt = new AtomicLong();
    private final Map<Integer, SlaDefinitions> versions = new ConcurrentHashMap<>();

    @Autowired
    SlaCatalog(@Value("${linedesk.sla-definitions-dir}") Path dir, org.linedesk.project.ProjectDirectory projects,
               SlaVersionStore store, java.time.Clock clock) {
        this(dir, key -> projects.find(key).isPresent(), store, clock);
    }

    SlaCatalog(Path dir, Predicate<String> projectExists, SlaVersionStore store, java.time.Clock clock) {
        this.dir = dir;
        this.projectExists = projectExists;
        this.store = store;
        this.clock = clock;
        Reloaded loaded = load("system", "start-up");
        store.adoptUnversionedClocks();
        log.info("SLA definitions version {}{}: {} calendars, policies {}", loaded.version().number(),
                loaded.changed() ? " (new)" : "", loaded.version().definitions().calendars().size(),
                loaded.version().definitions().policies().stream().map(SlaPolicy::id).toList());
    }

    /** The newest definitions: what a new ticket's clocks start under. */
    public SlaDefinitions current() {
        return newest().definitions();
    }

    /** The newest version (checked against the database every few seconds, for other nodes' reloads). */
    public Version newest() {
        long now = clock.millis();
        long last = checkedAt.get();
        if (now - last >= REFRESH_MILLIS && checkedAt.compareAndSet(last, now)) {
            int number = store.newestNumber();
            if (number > newest.get().number()) {
                newest.set(new Version(number, version(number)));
            }
        }
        return newest.get();
    }

    /** The definitions of one version (a clock's); 404 when there is no such version. */
    public SlaDefinitions version(int number) {
        return versions.computeIfAbsent(number, n -> store.find(n)
                .map(stored -> loader.parse(stored.files())) // was valid when kept; projects are not checked again
                .orElseThrow(() -> new NotFoundException("SLA definitions version " + n + " does not exist")));
    }

    /** The files of one version as they were loaded. */
    public SlaVersionStore.StoredVersion stored(int number) {
        return store.find(number).orElseThrow(() -> new NotFoundException("SLA definitions version " + number
                + " does not exist"));
    }

    public List<SlaVersionStore.VersionSummary> versions() {
        return store.list();
    }

    /**
     * Validates the files again; when they differ from the newest version they become the next version.
     * On error nothing changes and the errors are thrown.
     */
    public Reloaded reload(String by) {
        Reloaded loaded = load(by, "reload");
        log.info("SLA definitions reloaded by {}: version {}{}", by, loaded.version().number(),
                loaded.changed() ? " (new)" : " (unchanged)");
        return loaded;
    }

    private synchronized Reloaded load(String by, String reason) {
        Map<String, String> files = loader.readFiles(dir);
        SlaDefinitions parsed = checked(loader.parse(files));
        int before = store.newestNumber();
        SlaVersionStore.StoredVersion stored = store.addIfChanged(files, checksum(loader.canonical(files)), by, reason);
        versions.putIfAbsent(stored.number(), parsed);
        Version version = new Version(stored.number(), versions.get(stored.number()));
        newest.set(version);
        checkedAt.set(clock.millis());
        return new Reloaded(version, stored.number() > before, before);
    }

    /** Every project the files name must exist (processes/projects.yaml is applied before this is read). */
    private SlaDefinitions checked(SlaDefinitions definitions) {
        List<String> unknown = definitions.projectsNamed().stream().filter(p -> !projectExists.test(p))
                .map(p -> "sla-definitions: project: unknown project '" + p + "'").toList();
        if (!unknown.isEmpty()) {
            throw new InvalidSlaDefinitionsException(unknown);
        }
        return definitions;
    }

    private static String checksum(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A numbered version and its definitions. */
    public record Version(int number, SlaDefinitions definitions) {
    }

    /** What a load did: the newest version now, whether it is new, and the version before. */
    public record Reloaded(Version version, boolean changed, int previous) {
    }
}
