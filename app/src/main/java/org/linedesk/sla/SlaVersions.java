package org.linedesk.sla;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/** The SLA definitions versions as the API and the console show them. */
@Service
public class SlaVersions {

    private final SlaCatalog catalog;

    SlaVersions(SlaCatalog catalog) {
        this.catalog = catalog;
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
        return SlaVersionDiff.between(catalog.stored(from).files(), catalog.stored(to).files());
    }
}
