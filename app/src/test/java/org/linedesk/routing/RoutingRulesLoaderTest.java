package org.linedesk.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;

/** processes/routing.yaml: what the seed rules decide, and how a bad file is reported. */
class RoutingRulesLoaderTest {

    final RoutingRulesLoader loader = new RoutingRulesLoader();
    final RoutingRules seed = loader.load(Path.of("..", "processes"));

    static MessageFacts mail(String to, String subject, String body) {
        return new MessageFacts(Channel.EMAIL, "customer@example.com", List.of(to), subject, body, Map.of());
    }

    String ruleFor(MessageFacts facts) {
        return seed.firstMatch(facts, "default").map(RoutingRules.Rule::name).orElse("default");
    }

    @Test
    void theSeedRulesSortMailAsTheSourceDesksDid() {
        assertThat(ruleFor(mail("abuse@linedesk.test", "Spam from 10.0.0.1", "see headers"))).isEqualTo("abuse-address");
        assertThat(ruleFor(mail("support@linedesk.test", "Не подходит ПАРОЛЬ", "с утра"))).isEqualTo("passwords");
        assertThat(ruleFor(mail("support@linedesk.test", "Login", "my Password expired"))).isEqualTo("passwords");
        assertThat(ruleFor(mail("support@linedesk.test", "Sync", "Thunderbird asks again"))).isEqualTo("mail-clients");
        assertThat(ruleFor(mail("support@linedesk.test", "Printer", "jammed"))).isEqualTo("default");
        // first match wins: a phishing report about passwords is abuse, with high impact
        RoutingRules.Rule phishing = seed.firstMatch(mail("support@linedesk.test", "Phishing", "they want my password"), "default")
                .orElseThrow();
        assertThat(phishing.name()).isEqualTo("phishing-reports");
        assertThat(phishing.outcome().impact()).isEqualTo(Level.HIGH);
        assertThat(seed.fallback().group()).isEqualTo("first-line");
    }

    @Test
    void headerAndChannelConditionsAllHaveToMatch() throws IOException {
        RoutingRules rules = parse("""
                rules:
                  - name: vip
                    when:
                      channel: EMAIL
                      headers: [{ name: X-Customer-Tier, equals: gold }]
                    then: { group: solvers, tags: [vip] }
                default: { group: first-line }
                """);
        MessageFacts gold = new MessageFacts(Channel.EMAIL, "a@b.c", List.of(), "s", "b",
                Map.of("x-customer-tier", List.of(" Gold ")));
        MessageFacts web = new MessageFacts(Channel.WEB, "a@b.c", List.of(), "s", "b",
                Map.of("X-Customer-Tier", List.of("gold")));
        assertThat(rules.firstMatch(gold, "default")).map(RoutingRules.Rule::name).contains("vip");
        assertThat(rules.firstMatch(web, "default")).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithRuleFieldAndReason() {
        assertThatThrownBy(() -> parse("""
                rules:
                  - name: broken
                    when: { subject: { regex: "(unclosed" } }
                    then: { group: passwords }
                  - name: broken
                    when: { body: { contains: x, regex: y } }
                    then: { group: web }
                  - name: named
                    when: { sender: { name: X, contains: y } }
                    then: { hint: h }
                default: { group: first-line }
                """))
                .isInstanceOfSatisfying(InvalidRoutingRulesException.class, e -> assertThat(e.errors()).satisfiesExactly(
                        m -> assertThat(m).startsWith("processes/routing.yaml: rule 'broken' ($.rules[0]).when.subject.regex:"
                                + " not a valid regular expression: Unclosed group"),
                        m -> assertThat(m).isEqualTo("processes/routing.yaml: rule 'broken' ($.rules[1]).name:"
                                + " the name is used by an earlier rule"),
                        m -> assertThat(m).isEqualTo("processes/routing.yaml: rule 'broken' ($.rules[1]).when.body:"
                                + " give exactly one of contains, equals, regex (found [contains, regex])"),
                        m -> assertThat(m).isEqualTo("processes/routing.yaml: rule 'named' ($.rules[2]).when.sender.name:"
                                + " only header conditions take a name")));
    }

    @Test
    void theSchemaRefusesUnknownFieldsAndValues() {
        assertThatThrownBy(() -> parse("""
                rules:
                  - name: r
                    when: { subjekt: { contains: x } }
                    then: { group: web, impact: CRITICAL }
                default: { group: first-line }
                """))
                .isInstanceOfSatisfying(InvalidRoutingRulesException.class, e -> assertThat(e.errors())
                        .anyMatch(m -> m.contains("subjekt"))
                        .anyMatch(m -> m.contains("impact")));
        assertThatThrownBy(() -> parse("rules: []\n")).isInstanceOfSatisfying(InvalidRoutingRulesException.class,
                e -> assertThat(e.errors()).anyMatch(m -> m.contains("default")));
    }

    private RoutingRules parse(String yaml) throws IOException {
        return loader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
