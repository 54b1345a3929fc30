package org.linedesk.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import org.linedesk.core.ValidatedYaml;

/**
 * processes/projects.yaml: the projects, the groups each holds, members without a group, and the
 * pairs of projects between which hand-overs are allowed. Checked against projects.schema.json, then
 * for meaning (unique keys, a group in one project only, time zones that exist); every problem is
 * reported with file, project and field, and nothing half-read is returned.
 */
record ProjectsFile(List<Entry> projects, List<HandOver> handOvers) {

    static final String FILE_NAME = "projects.yaml";
    static final String FILE = "processes/" + FILE_NAME;
    private static final JsonSchema SCHEMA = ValidatedYaml.schema("/project/projects.schema.json");

    /** One project as the file describes it; absent settings take the default project's. */
    record Entry(String key, String name, String ticketPrefix, ZoneId timeZone, String language, String firstLine,
                 Set<String> groups, Set<String> members) {
    }

    record HandOver(String from, String to) {
    }

    /** From the processes folder when the file is there, else the copy in the jar; no file at all: only `default`. */
    static ProjectsFile load(Path processesDir) {
        try {
            InputStream in = ValidatedYaml.openEditable(processesDir, "processes", FILE_NAME);
            return in == null ? new ProjectsFile(List.of(), List.of()) : parse(in);
        } catch (IOException e) {
            throw new InvalidProjectsException(List.of(processesDir.resolve(FILE_NAME) + ": cannot be read: " + e.getMessage()));
        }
    }

    static ProjectsFile parse(InputStream in) throws IOException {
        List<String> errors = new ArrayList<>();
        JsonNode root = ValidatedYaml.read(FILE, in, SCHEMA, errors);
        if (root == null) {
            throw new InvalidProjectsException(errors);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> projectOfGroup = new HashMap<>();
        for (JsonNode p : root.path("projects")) {
            String key = p.path("key").asText();
            String where = FILE + ": project '" + key + "': ";
            if (entries.stream().anyMatch(e -> e.key().equals(key))) {
                errors.add(where + "key: is used by another project of the file");
                continue;
            }
            ZoneId zone = null;
            if (p.hasNonNull("timeZone")) {
                try {
                    zone = ZoneId.of(p.path("timeZone").asText());
                } catch (DateTimeException e) {
                    errors.add(where + "timeZone: '" + p.path("timeZone").asText() + "' is not a time zone (e.g. Europe/Moscow)");
                }
            }
            String firstLine = text(p, "firstLine");
            Set<String> groups = new LinkedHashSet<>();
            if (firstLine != null) {
                groups.add(firstLine);
            }
            p.path("groups").forEach(g -> groups.add(g.asText()));
            for (String group : groups) {
                String other = projectOfGroup.putIfAbsent(group, key);
                if (other != null && !other.equals(key)) {
                    errors.add(where + "groups: '" + group + "' is already a group of project '" + other
                            + "'; a group belongs to one project");
                }
            }
            Set<String> members = new LinkedHashSet<>();
            p.path("members").forEach(m -> members.add(m.asText()));
            entries.add(new Entry(key, p.path("name").asText(), text(p, "ticketPrefix"), zone, text(p, "language"),
                    firstLine, Set.copyOf(groups), Set.copyOf(members)));
        }
        List<HandOver> handOvers = new ArrayList<>();
        for (JsonNode h : root.path("handOvers")) {
            HandOver pair = new HandOver(h.path("from").asText(), h.path("to").asText());
            if (pair.from().equals(pair.to())) {
                errors.add(FILE + ": handOvers: '" + pair.from() + "' to itself: hand-overs inside a project are always allowed");
            }
            handOvers.add(pair);
        }
        if (!errors.isEmpty()) {
            throw new InvalidProjectsException(errors);
        }
        return new ProjectsFile(List.copyOf(entries), List.copyOf(handOvers));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }
}
