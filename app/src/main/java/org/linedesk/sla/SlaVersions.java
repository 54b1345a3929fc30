package org.linedesk.sla;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/** The SLA definitions versions as the API and the console show them. */
@Service
public class SlaVersions {

    private final SlaCatalog catalog;
    /** Versions never change, so neither does what changed between two (each diff reads both versions' YAML). */
    private final Map<List<Integer>, List<String>> changes = new java.util.concurrent.ConcurrentHashMap<>();

    SlaVersions(SlaCatalog catalog) {
        this.catalog = catalog;
    }

    /** What a reload did, as the API answers it and the audit log and the console tell it. */
    public record Reloaded(int version, boolean changed, List<String> changes, List<String> calendars, List<String> policies) {

        public String auditDetail() {
            return "version " + version + (changed ? " (new): " + changes : " (unchanged)") + "; policies " + policies;
        }
    }

    /** Reads the files again (see {@link SlaCatalog#reload}) and tells what changed from the version before. */
    public Reloaded reload(String by) {
        SlaCatalog.Reloaded loaded = catalog.reload(by);
        SlaDefinitions definitions = loaded.version().definitions();
        return new Reloaded(loaded.version().number(), loaded.changed(),
                loaded.changed() && loaded.previous() > 0 ? changes(loaded.previous(), loaded.version().number()) : List.of(),
                definitions.calendars().keySet().stream().sorted().toList(),
                definitions.policies().stream().map(SlaPolicy::id).toList());
    }

    /** A version in the list; {@code newest} marks what new tickets use. */
    public record Summary(int number, String loadedBy, Instant loadedAt, String reason, long runningClocks,
                          boolean newest, List<String> changes) {
    }

    /** One version: the files as loaded and the ids of its policies and calendars. */
    public record Detail(int number, String loadedBy, Instant loadedAt, String reason, Map<String, String> files,
                         List<String> policies, List<String> calendars) {
    }

    /** Newest first, each with what changed from the version before it. */
    public List<Summary> list() {
        int newest = catalog.newest().number();
        return catalog.versions().stream().map(v -> new Summary(v.number(), v.loadedBy(), v.loadedAt(), v.reason(),
                v.runningClocks(), v.number() == newest, v.number() > 1 ? changes(v.number() - 1, v.number()) : List.of()))
                .toList();
    }

    public Detail detail(int number) {
        SlaVersionStore.StoredVersion stored = catalog.stored(number);
        SlaDefinitions definitions = catalog.version(number);
        return new Detail(number, stored.loadedBy(), stored.loadedAt(), stored.reason(), stored.files(),
                definitions.policies().stream().map(SlaPolicy::id).toList(), definitions.calendars().keySet().stream().sorted().toList());
    }

    /** What changed from one version to another, in words (404 when either does not exist). */
    public List<String> changes(int from, int to) {
        List<Integer> key = List.of(from, to);
        List<String> known = changes.get(key);
        if (known != null) {
            return known;
        }
        List<String> found = SlaVersionDiff.between(catalog.stored(from).files(), catalog.stored(to).files());
        changes.put(key, found);
        return found;
    }
}
