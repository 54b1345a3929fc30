package org.linedesk.routing;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.linedesk.identity.GroupDirectory;
import org.linedesk.project.Project;
import org.linedesk.project.ProjectDirectory;
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
@org.springframework.context.annotation.DependsOn("projectAdministration") // the projects the rules name exist then
public class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Path processesDir;
    private final GroupDirectory groups;
    private final ProjectDirectory projects;
    private final RoutingRulesLoader loader = new RoutingRulesLoader();
    private final AtomicReference<RoutingRules> current = new AtomicReference<>();

    Router(@Value("${linedesk.processes-dir}") Path processesDir, GroupDirectory groups, ProjectDirectory projects) {
        this.processesDir = processesDir;
        this.groups = groups;
        this.projects = projects;
        current.set(checked(loader.load(processesDir)));
        log.info("Routing rules: {}", current.get().rules().stream().map(Rule::name).toList());
    }

    /** Validates processes/routing.yaml again and swaps it in; on error nothing changes. Returns the rule names. */
    public java.util.List<String> reload() {
        RoutingRules fresh = checked(loader.load(processesDir));
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
        return route(facts, null, Project.DEFAULT);
    }

    /**
     * As {@link #route(MessageFacts)} for a request to {@code project}, by that project's rules, where
     * {@code defaultQueue} (a mailbox's own queue) replaces the default group when no rule names one. The
     * default outcome of routing.yaml is the default project's; another project's is its first line.
     */
    public RoutingDecision route(MessageFacts facts, String defaultQueue, String project) {
        RoutingRules rules = current.get();
        Project desk = projects.require(project);
        Rule rule = rules.firstMatch(facts, desk.key()).orElse(null);
        Outcome fallback = desk.isDefault() ? rules.fallback()
                : new Outcome(desk.firstLine(), null, java.util.List.of(), null, null, null);
        Outcome chosen = rule == null ? fallback : rule.outcome();
        String group = rule != null && chosen.group() != null ? chosen.group()
                : defaultQueue != null ? defaultQueue : fallback.group();
        String notice = null;
        boolean byRule = rule != null && chosen.group() != null;
        if (group == null || !groups.isSupportGroup(group) || !projects.projectOfGroup(group).equals(desk.key())) {
            String safe = fallback.group() != null && groups.isSupportGroup(fallback.group())
                    && projects.projectOfGroup(fallback.group()).equals(desk.key()) ? fallback.group() : desk.firstLine();
            if (group != null) {
                notice = "routing rule '" + (rule == null ? "default" : rule.name()) + "' names group '" + group + "', "
                        + (groups.isSupportGroup(group) ? "which is not a group of project '" + desk.key() + "'"
                        : "which does not exist") + "; queued in '" + safe + "' instead";
                log.warn("{}", notice);
            }
            group = safe;
            byRule = false;
        }
        Classification classification = new Classification(
                first(chosen.category(), fallback.category()),
                chosen.tags().isEmpty() ? fallback.tags() : chosen.tags(),
                first(chosen.hint(), fallback.hint()));
        return new RoutingDecision(rule == null ? null : rule.name(), group, classification,
                first(chosen.impact(), fallback.impact()), first(chosen.urgency(), fallback.urgency()), notice, byRule);
    }

    /** Every rule must name a project that exists. */
    private RoutingRules checked(RoutingRules rules) {
        java.util.List<String> errors = rules.rules().stream().filter(r -> projects.find(r.project()).isEmpty())
                .map(r -> RoutingRulesLoader.FILE + ": rule '" + r.name() + "'.project: unknown project '" + r.project() + "'")
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidRoutingRulesException(errors);
        }
        return rules;
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
