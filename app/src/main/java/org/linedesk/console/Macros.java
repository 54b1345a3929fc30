package org.linedesk.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.NotFoundException;
import org.linedesk.core.ValidatedYaml;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.ticket.ArticleKind;
import org.linedesk.ticket.TicketService;
import org.linedesk.workflow.DeployedProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Action chains, defined in processes/macros.yaml without Java: checked at start and on reload
 * (schema, unique names, the actions exist in the deployed incident process, a hand-over names a
 * support group), run in one transaction, counted so the most used come first.
 */
@Service
public class Macros {

    private static final Logger log = LoggerFactory.getLogger(Macros.class);
    static final String FILE = "processes/macros.yaml";
    private static final JsonSchema SCHEMA = ValidatedYaml.schema("/console/macros.schema.json");

    private final Path processesDir;
    private final DeployedProcesses processes;
    private final GroupDirectory groups;
    private final TicketService tickets;
    private final JdbcClient jdbc;
    private final ProjectDirectory projects;
    private final AtomicReference<List<Macro>> current = new AtomicReference<>(List.of());

    Macros(@Value("${linedesk.processes-dir}") Path processesDir, DeployedProcesses processes, GroupDirectory groups,
           TicketService tickets, JdbcClient jdbc, ProjectDirectory projects) {
        this.projects = projects;
        this.processesDir = processesDir;
        this.processes = processes;
        this.groups = groups;
        this.tickets = tickets;
        this.jdbc = jdbc;
    }

    /** Loaded after the processes are deployed (the actions are checked against them). */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void loadAtStart() {
        reload();
    }

    /** Reads and checks the file again; on any error nothing changes and every error is reported. */
    public List<String> reload() {
        List<Macro> fresh = load();
        current.set(fresh);
        log.info("Action chains: {}", fresh.stream().map(Macro::name).toList());
        return fresh.stream().map(Macro::name).toList();
    }

    /** The chains of the ticket's project that fit a step offering {@code actions}, most used first. */
    public List<Macro> fitting(Set<String> actions, String project) {
        Map<String, Long> uses = new java.util.HashMap<>();
        jdbc.sql("select name, uses from macro_usage where project = ?").param(project)
                .query((rs, i) -> uses.put(rs.getString(1), rs.getLong(2))).list();
        return current.get().stream().filter(m -> m.project().equals(project))
                .filter(m -> m.action() == null || actions.contains(m.action()))
                .sorted(java.util.Comparator.comparing((Macro m) -> -uses.getOrDefault(m.name(), 0L)))
                .toList();
    }

    /** Runs every step of the chain on the ticket; one transaction, so a refused step undoes the others. */
    @Transactional
    public void run(String name, String number, Long version, Actor actor) {
        String project = tickets.loadForReading(number, actor).getProject();
        Macro macro = current.get().stream().filter(m -> m.name().equals(name) && m.project().equals(project)).findFirst()
                .orElseThrow(() -> new NotFoundException("No action chain '" + name + "' in project '" + project + "'"));
        Long expected = version;
        for (Macro.Step step : macro.steps()) {
            if (step.note() != null) {
                tickets.addArticle(number, ArticleKind.INTERNAL_NOTE, step.note(), null, expected, actor);
            } else if (step.action() == null) {
                tickets.addArticle(number, ArticleKind.PUBLIC_REPLY, step.reply(), step.template(), expected, actor);
            } else {
                tickets.perform(number, step.action(), new TicketService.ActionInput(step.reply(), step.group(),
                        step.reason(), expected, step.template()), actor);
            }
            expected = null; // the version was checked by the first step; later ones see our own changes
        }
        jdbc.sql("insert into macro_usage (project, name, uses) values (?, ?, 1) "
                + "on conflict (project, name) do update set uses = macro_usage.uses + 1").params(project, name).update();
    }

    private List<Macro> load() {
        try (InputStream in = ValidatedYaml.openEditable(processesDir, "processes", "macros.yaml")) {
            if (in == null) {
                return List.of();
            }
            return parse(in);
        } catch (IOException e) {
            throw new InvalidInputException(FILE, "cannot be read: " + e.getMessage());
        }
    }

    List<Macro> parse(InputStream in) throws IOException {
        List<String> errors = new ArrayList<>();
        JsonNode root = ValidatedYaml.read(FILE, in, SCHEMA, errors);
        if (root == null) {
            throw invalid(errors);
        }
        Set<String> actions = processes.incidentActions();
        Set<String> names = new HashSet<>();
        List<Macro> macros = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.path("macros")) {
            String where = FILE + ": macro '" + m.path("name").asText() + "' ($.macros[" + i++ + "])";
            String project = m.hasNonNull("project") ? m.path("project").asText() : org.linedesk.project.Project.DEFAULT;
            if (!names.add(project + "/" + m.path("name").asText())) {
                errors.add(where + ".name: the name is used by an earlier macro of project '" + project + "'");
            }
            if (projects.find(project).isEmpty()) {
                errors.add(where + ".project: unknown project '" + project + "'");
            } else if (step(m, "group") != null
                    && !projects.handOverAllowed(project, projects.projectOfGroup(step(m, "group")))) {
                errors.add(where + ".steps: group '" + step(m, "group") + "' belongs to project '"
                        + projects.projectOfGroup(step(m, "group")) + "', and hand-overs from '" + project
                        + "' there are not allowed");
            }
            List<Macro.Step> steps = new ArrayList<>();
            int s = 0;
            int actionSteps = 0;
            for (JsonNode st : m.path("steps")) {
                String at = where + ".steps[" + s++ + "]";
                Macro.Step step = new Macro.Step(text(st, "note"), text(st, "reply"), text(st, "template"),
                        text(st, "action"), text(st, "group"), text(st, "reason"));
                check(step, at, actions, errors);
                actionSteps += step.action() == null ? 0 : 1;
                steps.add(step);
            }
            if (actionSteps > 1 || (actionSteps == 1 && steps.get(steps.size() - 1).action() == null)) {
                errors.add(where + ".steps: at most one action, and it comes last (it may end the step the others act on)");
            }
            macros.add(new Macro(m.path("name").asText(), m.path("title").asText(), project, List.copyOf(steps)));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return List.copyOf(macros);
    }

    private void check(Macro.Step step, String at, Set<String> actions, List<String> errors) {
        if (step.note() != null && (step.reply() != null || step.template() != null || step.action() != null)) {
            errors.add(at + ": a note is a step of its own");
        }
        if (step.action() == null && step.note() == null && step.reply() == null && step.template() == null) {
            errors.add(at + ": give note, reply, template or action");
        }
        if (step.action() == null && (step.group() != null || step.reason() != null)) {
            errors.add(at + ": group and reason belong to an action");
        }
        if (step.action() != null && !actions.isEmpty() && !actions.contains(step.action())) {
            errors.add(at + ".action: '" + step.action() + "' is not an action of incident.bpmn; known: "
                    + String.join(", ", actions));
        }
        if (step.group() != null && !groups.isSupportGroup(step.group())) {
            // not an error: a fresh desk creates its groups after the first start; the step fails clearly if run
            log.warn("{}.group: '{}' is not a support group (yet)", at, step.group());
        }
    }

    private static InvalidInputException invalid(List<String> errors) {
        return new InvalidInputException(errors.stream().map(e -> new org.linedesk.core.FieldError(FILE, e)).toList());
    }

    /** The value of {@code field} in the first step that has one. */
    private static String step(JsonNode macro, String field) {
        for (JsonNode st : macro.path("steps")) {
            if (st.hasNonNull(field)) {
                return st.get(field).asText();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
