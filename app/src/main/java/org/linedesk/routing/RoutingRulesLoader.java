package org.linedesk.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import org.linedesk.core.ValidatedYaml;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.routing.RoutingRules.Condition;
import org.linedesk.routing.RoutingRules.Contains;
import org.linedesk.routing.RoutingRules.Equals;
import org.linedesk.routing.RoutingRules.Outcome;
import org.linedesk.routing.RoutingRules.Regex;
import org.linedesk.routing.RoutingRules.Rule;
import org.linedesk.routing.RoutingRules.Test;

/**
 * Reads processes/routing.yaml: checked against routing.schema.json, then for meaning (unique rule
 * names, regular expressions that compile, one comparison per condition). All problems are reported
 * together with file, rule and field; nothing half-loaded is returned.
 */
final class RoutingRulesLoader {

    static final String FILE_NAME = "routing.yaml";
    static final String DEFAULT_PROJECT = org.linedesk.project.Project.DEFAULT;
    static final String FILE = "processes/" + FILE_NAME;
    private static final JsonSchema SCHEMA = ValidatedYaml.schema("/routing/routing.schema.json");

    /** From the processes folder when the file is there, else the copy packaged in the jar. */
    RoutingRules load(Path processesDir) {
        try {
            InputStream in = ValidatedYaml.openEditable(processesDir, "processes", FILE_NAME);
            if (in == null) {
                throw new InvalidRoutingRulesException(List.of(FILE + ": not found in " + processesDir
                        + " nor in the application"));
            }
            return parse(in);
        } catch (IOException e) {
            throw new InvalidRoutingRulesException(List.of(processesDir.resolve(FILE_NAME) + ": cannot be read: "
                    + e.getMessage()));
        }
    }

    RoutingRules parse(InputStream in) throws IOException {
        List<String> errors = new ArrayList<>();
        JsonNode root = ValidatedYaml.read(FILE, in, SCHEMA, errors);
        if (root == null) {
            throw new InvalidRoutingRulesException(errors);
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode r : root.path("rules")) {
            String name = r.path("name").asText();
            String where = FILE + ": rule '" + name + "' ($.rules[" + i++ + "])";
            if (!names.add(name)) {
                errors.add(where + ".name: the name is used by an earlier rule");
            }
            String project = r.hasNonNull("project") ? r.path("project").asText() : DEFAULT_PROJECT;
            rules.add(new Rule(name, project, conditions(where, r.path("when"), errors), outcome(r.path("then"))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRoutingRulesException(errors);
        }
        return new RoutingRules(List.copyOf(rules), outcome(root.path("default")));
    }

    private static List<Condition> conditions(String where, JsonNode when, List<String> errors) {
        List<Condition> conditions = new ArrayList<>();
        field(where, when, "sender", f -> List.of(f.sender()), conditions, errors);
        field(where, when, "recipient", MessageFacts::recipients, conditions, errors);
        field(where, when, "subject", f -> List.of(f.subject()), conditions, errors);
        field(where, when, "body", f -> List.of(f.body()), conditions, errors);
        field(where, when, "text", f -> List.of(f.subject(), f.body()), conditions, errors);
        if (when.has("channel")) {
            conditions.add(Condition.channel(Channel.valueOf(when.path("channel").asText())));
        }
        int h = 0;
        for (JsonNode header : when.path("headers")) {
            String name = header.path("name").asText();
            Test test = test(where + ".when.headers[" + h++ + "]", header, errors);
            if (test != null) {
                conditions.add(new Condition("header " + name, f -> f.header(name), test));
            }
        }
        return conditions;
    }

    private static void field(String where, JsonNode when, String field, Function<MessageFacts, List<String>> values,
                              List<Condition> conditions, List<String> errors) {
        if (!when.has(field)) {
            return;
        }
        JsonNode match = when.path(field);
        if (match.has("name")) {
            errors.add(where + ".when." + field + ".name: only header conditions take a name");
            return;
        }
        Test test = test(where + ".when." + field, match, errors);
        if (test != null) {
            conditions.add(new Condition(field, values, test));
        }
    }

    private static Test test(String where, JsonNode match, List<String> errors) {
        List<String> operators = new ArrayList<>();
        match.fieldNames().forEachRemaining(n -> {
            if (!n.equals("name")) {
                operators.add(n);
            }
        });
        if (operators.size() != 1) {
            errors.add(where + ": give exactly one of contains, equals, regex (found " + operators + ")");
            return null;
        }
        return switch (operators.get(0)) {
            case "contains" -> {
                JsonNode c = match.path("contains");
                List<String> needles = new ArrayList<>();
                if (c.isArray()) {
                    c.forEach(n -> needles.add(n.asText()));
                } else {
                    needles.add(c.asText());
                }
                yield new Contains(needles);
            }
            case "equals" -> new Equals(match.path("equals").asText());
            default -> {
                String regex = match.path("regex").asText();
                try {
                    yield new Regex(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    errors.add(where + ".regex: not a valid regular expression: " + e.getDescription()
                            + " near index " + e.getIndex() + " of \"" + regex + "\"");
                    yield null;
                }
            }
        };
    }

    private static Outcome outcome(JsonNode then) {
        List<String> tags = new ArrayList<>();
        then.path("tags").forEach(t -> tags.add(t.asText()));
        return new Outcome(text(then, "group"), text(then, "category"), List.copyOf(tags), text(then, "hint"),
                level(then, "impact"), level(then, "urgency"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static Level level(JsonNode node, String field) {
        return node.hasNonNull(field) ? Level.valueOf(node.path(field).asText()) : null;
    }
}
