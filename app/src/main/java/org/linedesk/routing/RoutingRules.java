package org.linedesk.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;

/** The loaded rules: first match wins, else the default outcome. Immutable; a reload builds a new one. */
record RoutingRules(List<Rule> rules, Outcome fallback) {

    /** The first of the project's rules that matches. */
    Optional<Rule> firstMatch(MessageFacts facts, String project) {
        return rules.stream().filter(r -> r.project().equals(project) && r.matches(facts)).findFirst();
    }

    /** {@code project}: the project whose new requests the rule sorts. */
    record Rule(String name, String project, List<Condition> conditions, Outcome outcome) {
        boolean matches(MessageFacts facts) {
            return conditions.stream().allMatch(c -> c.test(facts));
        }
    }

    /** What a rule (or the default) gives; absent fields are null / empty. */
    record Outcome(String group, String category, List<String> tags, String hint, Level impact, Level urgency) {
    }

    /** One condition: which values of the message it looks at, and how it compares them. */
    record Condition(String field, Function<MessageFacts, List<String>> values, Test test) {
        boolean test(MessageFacts facts) {
            return values.apply(facts).stream().anyMatch(test::matches);
        }

        static Condition channel(Channel channel) {
            return new Condition("channel", f -> List.of(f.channel() == null ? "" : f.channel().name()),
                    new Equals(channel.name()));
        }
    }

    sealed interface Test permits Contains, Equals, Regex {
        boolean matches(String value);
    }

    /** Any of the needles, ignoring case. */
    record Contains(List<String> needles) implements Test {
        Contains {
            needles = needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        }

        public boolean matches(String value) {
            String v = value.toLowerCase(Locale.ROOT);
            return needles.stream().anyMatch(v::contains);
        }
    }

    record Equals(String expected) implements Test {
        public boolean matches(String value) {
            return value.trim().equalsIgnoreCase(expected);
        }
    }

    record Regex(Pattern pattern) implements Test {
        public boolean matches(String value) {
            return pattern.matcher(value).find();
        }
    }
}
