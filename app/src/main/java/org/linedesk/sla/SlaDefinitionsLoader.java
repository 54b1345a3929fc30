package org.linedesk.sla;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import org.linedesk.core.ValidatedYaml;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.Status;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads sla-definitions/*.yaml: each file is checked against sla-definitions.schema.json, then for
 * meaning (calendar references, a default policy, targets for every priority, valid time zones and
 * shifts). Every problem is collected and reported with its file and field; nothing half-loaded is returned.
 */
public final class SlaDefinitionsLoader {

    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final JsonSchema SCHEMA = ValidatedYaml.schema("/sla/sla-definitions.schema.json");

    /** Loads from the folder when it exists, else from the copies packaged in the jar. */
    public SlaDefinitions load(Path dir) {
        return parse(readFiles(dir));
    }

    /**
     * The text of each definitions file by file name (sorted): from the folder when it exists, else the
     * copies packaged in the jar. This is what an SLA definitions version keeps.
     */
    public Map<String, String> readFiles(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> paths = Files.list(dir)) {
                    for (Path p : paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                        files.put(p.getFileName().toString(), Files.readString(p));
                    }
                }
            } else {
                for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:sla-definitions/*.yaml")) {
                    try (InputStream in = r.getInputStream()) {
                        files.put(r.getFilename(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidSlaDefinitionsException(List.of(dir + ": cannot be read: " + e.getMessage()));
        }
        if (files.isEmpty()) {
            throw new InvalidSlaDefinitionsException(List.of(dir + ": no SLA definition files (*.yaml)"));
        }
        return files;
    }

    /** Checks and builds the definitions from the files' text (file name → text); all problems at once. */
    public SlaDefinitions parse(Map<String, String> texts) {
        Map<String, JsonNode> files = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        try {
            for (Map.Entry<String, String> text : texts.entrySet()) {
                String file = "sla-definitions/" + text.getKey();
                JsonNode node = ValidatedYaml.read(file, new java.io.ByteArrayInputStream(
                        text.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8)), SCHEMA, errors);
                if (node != null) {
                    files.put(file, node);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new InvalidSlaDefinitionsException(errors);
        }
        return build(files);
    }

    /**
     * The files' meaning as canonical JSON (keys sorted, comments and layout gone): two loads that differ
     * only in comments or formatting are the same version.
     */
    public String canonical(Map<String, String> texts) {
        com.fasterxml.jackson.databind.ObjectMapper canonical = new com.fasterxml.jackson.databind.ObjectMapper()
                .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        com.fasterxml.jackson.dataformat.yaml.YAMLMapper yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        try {
            Map<String, Object> all = new TreeMap<>();
            for (Map.Entry<String, String> text : texts.entrySet()) {
                all.put(text.getKey(), yaml.readValue(text.getValue(), Object.class));
            }
            return canonical.writeValueAsString(all);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SlaDefinitions build(Map<String, JsonNode> files) {
        List<String> errors = new ArrayList<>();
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        Map<String, String> calendarProjects = new LinkedHashMap<>();
        List<SlaPolicy> policies = new ArrayList<>();
        files.forEach((file, node) -> node.path("calendars").forEach(c -> {
            calendar(file, c, calendars, errors);
            if (c.hasNonNull("project")) {
                calendarProjects.put(c.path("id").asText(), c.path("project").asText());
            }
        }));
        files.forEach((file, node) -> {
            int i = 0;
            for (JsonNode p : node.path("policies")) {
                policy(file + ": $.policies[" + i++ + "]", p, calendars, calendarProjects, policies, errors);
            }
        });
        Map<String, Long> defaults = new TreeMap<>();
        policies.forEach(p -> defaults.merge(p.project(), p.isDefault() ? 1L : 0L, Long::sum));
        defaults.putIfAbsent(SlaDefinitions.DEFAULT_PROJECT, 0L);
        defaults.forEach((project, count) -> {
            if (count > 1 || (count == 0 && project.equals(SlaDefinitions.DEFAULT_PROJECT))) {
                errors.add("sla-definitions: project '" + project + "': exactly one policy must be `default: true` (found "
                        + count + ")");
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidSlaDefinitionsException(errors);
        }
        return new SlaDefinitions(calendars, policies, calendarProjects);
    }

    private static void calendar(String file, JsonNode c, Map<String, BusinessCalendar> calendars, List<String> errors) {
        String id = c.path("id").asText();
        String where = file + ": calendar '" + id + "'";
        if (calendars.containsKey(id)) {
            errors.add(where + ": the id is used twice");
            return;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(c.path("timeZone").asText());
        } catch (RuntimeException e) {
            errors.add(where + ".timeZone: unknown time zone '" + c.path("timeZone").asText() + "'");
            return;
        }
        if (c.path("allDay").asBoolean(false)) {
            calendars.put(id, BusinessCalendar.twentyFourSeven(id, zone));
            return;
        }
        try {
            Map<DayOfWeek, List<WorkingHours>> week = new EnumMap<>(DayOfWeek.class);
            c.path("week").fields().forEachRemaining(e -> week.put(DayOfWeek.valueOf(e.getKey().toUpperCase(Locale.ROOT)),
                    ranges(e.getValue())));
            if (week.values().stream().allMatch(List::isEmpty)) {
                errors.add(where + ".week: no working hours on any day (use allDay: true for 24x7)");
                return;
            }
            BusinessCalendar.Holidays holidays = BusinessCalendar.Holidays.NONE;
            JsonNode pub = c.path("publicHolidays");
            if (!pub.isMissingNode()) {
                holidays = new JollydayHolidays(pub.path("country").asText(), pub.path("region").asText(null));
            }
            Set<LocalDate> dates = new HashSet<>();
            c.path("holidays").forEach(d -> dates.add(LocalDate.parse(d.asText())));
            Map<LocalDate, List<WorkingHours>> extra = new TreeMap<>();
            c.path("extraWorkingDays").fields().forEachRemaining(e -> extra.put(LocalDate.parse(e.getKey()), ranges(e.getValue())));
            calendars.put(id, new BusinessCalendar(id, zone, week, holidays.or(BusinessCalendar.Holidays.of(dates)), extra));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(where + ": " + e.getMessage());
        }
    }

    private static void policy(String where, JsonNode p, Map<String, BusinessCalendar> calendars,
                               Map<String, String> calendarProjects, List<SlaPolicy> policies, List<String> errors) {
        String id = p.path("id").asText();
        if (policies.stream().anyMatch(existing -> existing.id().equals(id))) {
            errors.add(where + ".id: policy '" + id + "' is defined twice");
        }
        String project = p.hasNonNull("project") ? p.path("project").asText() : SlaDefinitions.DEFAULT_PROJECT;
        String calendar = p.path("calendar").asText();
        if (!calendars.containsKey(calendar)) {
            errors.add(where + ".calendar: unknown calendar '" + calendar + "'; known: " + calendars.keySet());
        }
        sameProject(where + ".calendar", project, calendar, calendarProjects, errors);
        Map<Priority, SlaPolicy.Target> targets = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            JsonNode t = p.path("targets").path(priority.name());
            String at = where + ".targets." + priority;
            if (t.isMissingNode()) {
                errors.add(at + ": missing; a policy sets targets for every priority P1..P5");
                continue;
            }
            String own = t.path("calendar").asText(null);
            if (own != null && !calendars.containsKey(own)) {
                errors.add(at + ".calendar: unknown calendar '" + own + "'");
            }
            if (own != null) {
                sameProject(at + ".calendar", project, own, calendarProjects, errors);
            }
            Duration firstResponse = duration(at + ".firstResponse", t.path("firstResponse").asText(), errors);
            Duration resolution = duration(at + ".resolution", t.path("resolution").asText(), errors);
            targets.put(priority, new SlaPolicy.Target(firstResponse, resolution, own));
        }
        Set<Status> pauseOn = EnumSet.noneOf(Status.class);
        if (p.has("pauseOn")) {
            p.path("pauseOn").forEach(s -> pauseOn.add(Status.valueOf(s.asText())));
        } else {
            pauseOn.add(Status.PENDING_CUSTOMER);
        }
        List<SlaPolicy.Warning> warnings = new ArrayList<>();
        p.path("warnings").forEach(w -> warnings.add(new SlaPolicy.Warning(w.path("at").asInt(), strings(w.path("notify")))));
        warnings.sort(java.util.Comparator.comparingInt(SlaPolicy.Warning::percent));
        Map<Metric, SlaPolicy.BreachAction> breach = new EnumMap<>(Metric.class);
        JsonNode b = p.path("breach");
        for (Metric metric : Metric.values()) {
            JsonNode action = b.path(metric == Metric.FIRST_RESPONSE ? "firstResponse" : "resolution");
            if (!action.isMissingNode()) {
                breach.put(metric, new SlaPolicy.BreachAction(strings(action.path("notify")),
                        action.path("handOverTo").asText(null)));
            }
        }
        JsonNode w = p.path("when");
        SlaPolicy.Conditions when = new SlaPolicy.Conditions(
                enums(w.path("channel"), Channel.class), strings(w.path("group")), enums(w.path("priority"), Priority.class),
                strings(w.path("customerTier")));
        boolean isDefault = p.path("default").asBoolean(false);
        if (isDefault && !w.isMissingNode()) {
            errors.add(where + ".when: the default policy applies to everything else and has no conditions");
        }
        policies.add(new SlaPolicy(id, project, isDefault, when, calendar, targets, pauseOn, warnings, breach));
    }

    /** A policy may use shared calendars and its own project's, never another project's. */
    private static void sameProject(String where, String project, String calendar, Map<String, String> calendarProjects,
                                    List<String> errors) {
        String owner = calendarProjects.get(calendar);
        if (owner != null && !owner.equals(project)) {
            errors.add(where + ": calendar '" + calendar + "' belongs to project '" + owner + "'; a policy of project '"
                    + project + "' may use shared calendars and its own project's");
        }
    }

    static Duration duration(String where, String text, List<String> errors) {
        try {
            return parseDuration(text);
        } catch (IllegalArgumentException e) {
            errors.add(where + ": " + e.getMessage());
            return Duration.ZERO;
        }
    }

    /** {@code 15m}, {@code 1h30m}, {@code 8h}, or ISO-8601 ({@code PT4H}). Must be positive. */
    public static Duration parseDuration(String text) {
        Duration d;
        Matcher m = SHORT_DURATION.matcher(text == null ? "" : text);
        if (text != null && !text.isEmpty() && m.matches()) {
            d = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2))).plusSeconds(number(m.group(3)));
        } else {
            try {
                d = Duration.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration like 15m, 1h30m or PT4H");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' must be longer than zero");
        }
        return d;
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static List<WorkingHours> ranges(JsonNode node) {
        List<WorkingHours> hours = new ArrayList<>();
        node.forEach(r -> hours.add(WorkingHours.parse(r.asText())));
        return hours;
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> values = new HashSet<>();
        node.forEach(v -> values.add(v.asText()));
        return Set.copyOf(values);
    }

    private static <E extends Enum<E>> Set<E> enums(JsonNode node, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        node.forEach(v -> values.add(Enum.valueOf(type, v.asText())));
        return Set.copyOf(values);
    }
}
