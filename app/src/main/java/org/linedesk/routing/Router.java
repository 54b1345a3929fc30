package org.linedesk.routing;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.linedesk.identity.GroupDirectory;
import org.linedesk.identity.GroupTypes;
import org.linedesk.routing.RoutingRules.Outcome;
import org.linedesk.routing.RoutingRules.Rule;
import org.linedesk.ticket.Classification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides where a new request goes, by the rules in processes/routing.yaml. Loaded at start-up (a bad
 * file stops the start with its errors) and reloaded on request (validated completely before it
 * replaces the rules in force).
 */
@Component
public class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Path processesDir;
    private final GroupDirectory groups;
    private final RoutingRulesLoader loader = new RoutingRulesLoader();
    private final AtomicReference<RoutingRules> current = new AtomicReference<>();

    Router(@Value("${linedesk.processes-dir}") Path processesDir, GroupDirectory groups) {
        this.processesDir = processesDir;
        this.groups = groups;
        current.set(loader.load(processesDir));
        log.info("Routing rules: {}", current.get().rules().stream().map(Rule::name).toList());
    }

    /** Validates processes/routing.yaml again and swaps it in; on error nothing changes. Returns the rule names. */
    public java.util.List<String> reload() {
        RoutingRules fresh = loader.load(processesDir);
        current.set(fresh);
        log.info("Routing rules reloaded: {}", fresh.rules().stream().map(Rule::name).toList());
        return fresh.rules().stream().map(Rule::name).toList();
    }

    /**
     * The first matching rule's outcome, completed from the default. A group that does not exist (yet)
     * sends the request to the default queue instead, with a notice for the ticket's history: a request
     * is never refused because of a rule.
     */
    public RoutingDecision route(MessageFacts facts) {
        return route(facts, null);
    }

    /**
     * As {@link #route(MessageFacts)}, where {@code defaultQueue} (a mailbox's own queue) replaces the
     * default group when no rule names one.
     */
    public RoutingDecision route(MessageFacts facts, String defaultQueue) {
        RoutingRules rules = current.get();
        Rule rule = rules.firstMatch(facts).orElse(null);
        Outcome chosen = rule == null ? rules.fallback() : rule.outcome();
        Outcome fallback = rules.fallback();
        String group = rule != null && chosen.group() != null ? chosen.group()
                : defaultQueue != null ? defaultQueue : fallback.group();
        String notice = null;
        if (group == null || !groups.isSupportGroup(group)) {
            String safe = fallback.group() != null && groups.isSupportGroup(fallback.group())
                    ? fallback.group() : GroupTypes.FIRST_LINE;
            if (group != null) {
                notice = "routing rule '" + (rule == null ? "default" : rule.name()) + "' names group '" + group
                        + "', which does not exist; queued in '" + safe + "' instead";
                log.warn("{}", notice);
            }
            group = safe;
        }
        Classification classification = new Classification(
                first(chosen.category(), fallback.category()),
                chosen.tags().isEmpty() ? fallback.tags() : chosen.tags(),
                first(chosen.hint(), fallback.hint()));
        return new RoutingDecision(rule == null ? null : rule.name(), group, classification,
                first(chosen.impact(), fallback.impact()), first(chosen.urgency(), fallback.urgency()), notice);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
