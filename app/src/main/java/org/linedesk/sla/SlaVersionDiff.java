package org.linedesk.sla;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * What changed between two SLA definitions versions, in words a process owner reads:
 * "policy standard: targets.P2.resolution 8h → 6h", "calendar office-moscow: holidays 2027-01-08 added".
 * Calendars and policies are matched by id, whichever file holds them; lists of plain values (holidays,
 * groups, pause states) are compared as sets.
 */
final class SlaVersionDiff {

    private static final YAMLMapper YAML = new YAMLMapper();

    private SlaVersionDiff() {
    }

    static List<String> between(Map<String, String> fromFiles, Map<String, String> toFiles) {
        List<String> changes = new ArrayList<>();
        compareById("calendar", byId(fromFiles, "calendars"), byId(toFiles, "calendars"), changes);
        compareById("policy", byId(fromFiles, "policies"), byId(toFiles, "policies"), changes);
        return changes;
    }

    private static void compareById(String kind, Map<String, JsonNode> from, Map<String, JsonNode> to, List<String> changes) {
        for (Map.Entry<String, JsonNode> old : from.entrySet()) {
            JsonNode now = to.get(old.getKey());
            if (now == null) {
                changes.add(kind + " " + old.getKey() + " removed");
            } else {
                compare(kind + " " + old.getKey() + ": ", "", old.getValue(), now, changes);
            }
        }
        to.keySet().stream().filter(id -> !from.containsKey(id)).forEach(id -> changes.add(kind + " " + id + " added"));
    }

    private static void compare(String prefix, String path, JsonNode from, JsonNode to, List<String> changes) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            from.fieldNames().forEachRemaining(keys::add);
            to.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String at = path.isEmpty() ? key : path + "." + key;
                if (!from.has(key)) {
                    changes.add(prefix + at + " set to " + text(to.get(key)));
                } else if (!to.has(key)) {
                    changes.add(prefix + at + " removed (was " + text(from.get(key)) + ")");
                } else {
                    compare(prefix, at, from.get(key), to.get(key), changes);
                }
            }
        } else if (isListOfValues(from) && isListOfValues(to)) {
            List<String> before = values(from);
            List<String> after = values(to);
            int found = changes.size();
            after.stream().filter(v -> !before.contains(v)).forEach(v -> changes.add(prefix + path + " " + v + " added"));
            before.stream().filter(v -> !after.contains(v)).forEach(v -> changes.add(prefix + path + " " + v + " removed"));
            if (changes.size() == found) { // the same values in another order (or repeated)
                changes.add(prefix + path + " reordered: " + text(from) + " → " + text(to));
            }
        } else {
            changes.add(prefix + path + " " + text(from) + " → " + text(to));
        }
    }

    private static boolean isListOfValues(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static Map<String, JsonNode> byId(Map<String, String> files, String section) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String text : files.values()) {
            try {
                JsonNode root = YAML.readTree(text);
                if (root == null) {
                    continue;
                }
                for (Iterator<JsonNode> it = root.path(section).elements(); it.hasNext(); ) {
                    JsonNode item = it.next();
                    byId.put(item.path("id").asText(), item);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byId;
    }
}
