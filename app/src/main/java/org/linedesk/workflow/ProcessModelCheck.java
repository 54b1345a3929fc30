package org.linedesk.workflow;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.sla.Metric;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.TaskAction;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Everything LineDesk checks before a BPMN or DMN model is deployed, at start-up and from the browser:
 * the engine's own parse (expressions, structure, history time to live), the vocabulary words, the
 * groups a model names, the actions and their routing, the ids and messages the Java code relies on,
 * the timers, and the priority matrix's inputs and outputs. Each problem names the element and why.
 */
@Component
public class ProcessModelCheck {

    public static final int MAX_BYTES = 2 * 1024 * 1024;

    public enum Kind {
        BPMN(".bpmn"), DMN(".dmn");

        public final String extension;

        Kind(String extension) {
            this.extension = extension;
        }
    }

    /**
     * The result: the model's kind and key (process or decision id; null when unreadable), its problems,
     * and the groups it names that do not exist (yet). A deployment from the browser or the API refuses
     * both; at start-up unknown groups are only logged, since the shipped files may name groups that an
     * administrator creates later.
     */
    public record Checked(Kind kind, String key, List<ModelProblem> problems, List<ModelProblem> unknownGroups) {

        /** Everything that stops a deployment from the studio or the API. */
        public List<ModelProblem> all() {
            List<ModelProblem> all = new ArrayList<>(problems);
            all.addAll(unknownGroups);
            return all;
        }

        public boolean valid() {
            return problems.isEmpty() && unknownGroups.isEmpty();
        }
    }

    private final ProcessEngineConfigurationImpl engine;
    private final GroupDirectory groups;

    ProcessModelCheck(ProcessEngineConfigurationImpl engine, GroupDirectory groups) {
        this.engine = engine;
        this.groups = groups;
    }

    /**
     * Checks one model. {@code fileName} (may be null) must then end in .bpmn or .dmn and is named after
     * the process or decision it holds.
     */
    public Checked check(String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            return failed(null, "the model is empty");
        }
        if (content.length > MAX_BYTES) {
            return failed(null, "the model has " + content.length + " bytes; at most " + MAX_BYTES + " (2 MB) are accepted");
        }
        Document xml;
        try {
            xml = ModelXml.parse(content);
        } catch (SAXException e) {
            return failed(null, "not well-formed XML: " + e.getMessage());
        }
        Kind kind = ModelXml.isBpmn(xml) ? Kind.BPMN : ModelXml.isDmn(xml) ? Kind.DMN : null;
        if (kind == null) {
            return failed(null, "neither BPMN 2.0 nor DMN: the root element is {" + xml.getDocumentElement().getNamespaceURI()
                    + "}" + xml.getDocumentElement().getLocalName());
        }
        if (fileName != null && !fileName.endsWith(kind.extension)) {
            return failed(null, "the file '" + fileName + "' holds " + kind + "; its name must end in " + kind.extension);
        }
        String expectedKey = fileName == null ? null : baseName(fileName);
        // The engine's parsers read its configuration from the command context: check inside one.
        return engine.getCommandExecutorTxRequired().execute(context ->
                kind == Kind.BPMN ? checkBpmn(expectedKey, content) : checkDmn(expectedKey, content));
    }

    private static String baseName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static Checked failed(Kind kind, String reason) {
        return new Checked(kind, null, List.of(new ModelProblem(null, reason)), List.of());
    }

    // ---- BPMN

    private Checked checkBpmn(String expectedKey, byte[] content) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (RuntimeException e) {
            return failed(Kind.BPMN, "not valid BPMN 2.0: " + rootMessage(e));
        }
        List<String> executable = model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable).map(Process::getId).toList();
        if (executable.isEmpty()) {
            return failed(Kind.BPMN, "the model has no executable process (isExecutable=\"true\")");
        }
        String key = executable.get(0);
        List<ModelProblem> problems = new ArrayList<>();
        List<ModelProblem> unknownGroups = new ArrayList<>();
        if (executable.size() > 1) {
            problems.add(new ModelProblem(null, "one executable process per file; this one has " + executable));
        }
        if (expectedKey != null && !executable.contains(expectedKey)) {
            problems.add(new ModelProblem(null, "a process file is named after its process id: '" + expectedKey
                    + "' expected, the file defines " + executable));
        }
        problems.addAll(engineParse(content, model));
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            checkUserTask(task, problems, unknownGroups);
        }
        checkWords(model, problems, unknownGroups);
        checkTimers(model, problems);
        if (IncidentProcess.PROCESS_KEY.equals(key)) {
            checkIncidentContract(model, problems);
        }
        return new Checked(Kind.BPMN, key, dedupe(problems), dedupe(unknownGroups));
    }

    /** The engine's own parse, as at deployment, without deploying anything. */
    private List<ModelProblem> engineParse(byte[] content, BpmnModelInstance model) {
        BpmnDeployer deployer = engine.getDeployers().stream().filter(BpmnDeployer.class::isInstance)
                .map(BpmnDeployer.class::cast).findFirst().orElseThrow();
        try {
            DeploymentEntity deployment = new DeploymentEntity();
            deployment.setName("validation");
            deployer.getBpmnParser().createParse().sourceInputStream(new ByteArrayInputStream(content))
                    .deployment(deployment).name("model.bpmn").execute();
            return List.of();
        } catch (ParseException e) {
            List<ModelProblem> problems = new ArrayList<>();
            for (ResourceReport report : e.getResorceReports()) {
                for (Problem p : report.getErrors()) {
                    problems.add(new ModelProblem(p.getMainElementId(), p.getMessage()));
                }
            }
            if (problems.isEmpty()) {
                problems.add(new ModelProblem(null, rootMessage(e)));
            }
            return problems;
        } catch (RuntimeException e) {
            return List.of(new ModelProblem(elementOfExpression(model, rootMessage(e)),
                    "the engine cannot parse the model: " + rootMessage(e)));
        }
    }

    /** The element that holds the expression an engine message quotes ("Error parsing '${…}'"), if any. */
    private static String elementOfExpression(BpmnModelInstance model, String message) {
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("Error parsing '(.+?)'").matcher(message);
        if (!quoted.find()) {
            return null;
        }
        String expression = quoted.group(1);
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (expressionsOf(element).stream().anyMatch(t -> t.contains(expression))) {
                return ownerId(element);
            }
        }
        return null;
    }

    private void checkUserTask(UserTask task, List<ModelProblem> problems, List<ModelProblem> unknownGroups) {
        String candidates = task.getCamundaCandidateGroups();
        if (candidates == null || candidates.isBlank()) {
            problems.add(new ModelProblem(task.getId(), "a ticket task needs a candidate group (a support group, or ${group})"));
        } else if (!candidates.contains("${") && !candidates.contains("#{")) {
            for (String group : candidates.split(",")) {
                if (!groups.isSupportGroup(group.trim())) {
                    unknownGroups.add(new ModelProblem(task.getId(), "candidate group '" + group.trim() + "' is not a support group; known: "
                            + groups.supportGroups().stream().map(GroupDirectory.SupportGroup::id).toList()));
                }
            }
        }
        Set<String> listeners = listenerExpressions(task);
        if (!listeners.contains("create:${tickets.enqueue(task)}")) {
            problems.add(new ModelProblem(task.getId(), "a ticket task needs the create listener ${tickets.enqueue(task)}"));
        }
        if (!listeners.contains("assignment:${tickets.assigneeChanged(task)}")) {
            problems.add(new ModelProblem(task.getId(), "a ticket task needs the assignment listener ${tickets.assigneeChanged(task)}"));
        }
        List<TaskAction> actions;
        try {
            actions = TaskActionParser.actionsOf(task);
        } catch (InvalidProcessException e) {
            problems.add(new ModelProblem(task.getId(), e.getMessage().replaceFirst("^element '[^']*', ", "")));
            return;
        }
        for (TaskAction action : actions) {
            if (action.fixedGroup() != null && !groups.isSupportGroup(action.fixedGroup())) {
                unknownGroups.add(new ModelProblem(task.getId(), "action '" + action.id() + "' hands over to '" + action.fixedGroup()
                        + "', which is not a support group"));
            }
        }
        checkActionsAreRouted(task, actions, problems);
    }

    private static Set<String> listenerExpressions(UserTask task) {
        if (task.getExtensionElements() == null) {
            return Set.of();
        }
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .map(l -> l.getCamundaEvent() + ":" + (l.getCamundaExpression() == null ? "" : l.getCamundaExpression().replace(" ", "")))
                .collect(Collectors.toSet());
    }

    /** Every declared action must have a way out: a condition naming it on the gateway after the task (or a default flow). */
    private static void checkActionsAreRouted(UserTask task, List<TaskAction> actions, List<ModelProblem> problems) {
        if (actions.isEmpty() || task.getOutgoing().size() != 1
                || !(task.getOutgoing().iterator().next().getTarget() instanceof ExclusiveGateway gateway)) {
            return;
        }
        List<String> conditions = gateway.getOutgoing().stream()
                .map(SequenceFlow::getConditionExpression)
                .filter(c -> c != null && c.getTextContent() != null)
                .map(ConditionExpression::getTextContent)
                .toList();
        if (gateway.getDefault() != null) {
            return;
        }
        for (TaskAction action : actions) {
            if (conditions.stream().noneMatch(c -> c.contains("'" + action.id() + "'"))) {
                problems.add(new ModelProblem(task.getId(), "property '" + IncidentProcess.ACTION_PROPERTY_PREFIX + action.id()
                        + "': no outgoing flow of gateway '"
                        + gateway.getId() + "' has a condition for it (e.g. ${action == '" + action.id() + "'})"));
            }
        }
    }

    /** Every expression of the model (attributes and texts in the camunda namespace, conditions, timers) uses known words. */
    private void checkWords(BpmnModelInstance model, List<ModelProblem> problems, List<ModelProblem> unknownGroups) {
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            String owner = ownerId(element);
            for (String text : expressionsOf(element)) {
                ProcessVocabulary.unknownWords(text).forEach(reason -> problems.add(new ModelProblem(owner, reason)));
                for (List<String> args : ProcessVocabulary.slaArguments(text)) {
                    if (!args.isEmpty() && !isMetric(args.get(0))) {
                        problems.add(new ModelProblem(owner, "'" + args.get(0) + "' is not an SLA metric; use "
                                + List.of(Metric.values())));
                    }
                    if (args.size() > 1 && !groups.isSupportGroup(args.get(1))) {
                        unknownGroups.add(new ModelProblem(owner, "'" + args.get(1) + "' is not a support group"));
                    }
                }
            }
        }
    }

    private static boolean isMetric(String name) {
        try {
            Metric.valueOf(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The expressions an element itself carries (its children with ids are checked on their own). */
    private static List<String> expressionsOf(BaseElement element) {
        List<String> texts = new ArrayList<>();
        collect(element.getDomElement(), texts, true);
        return texts;
    }

    private static void collect(DomElement dom, List<String> texts, boolean top) {
        if (!top && dom.hasAttribute("id") && !isCamunda(dom)) {
            return;
        }
        for (String attr : List.of("expression", "candidateGroups", "candidateUsers", "assignee", "dueDate", "followUpDate",
                "priority", "resultVariable")) {
            String value = dom.getAttribute(CAMUNDA_NS, attr);
            if (value != null) {
                texts.add(value);
            }
        }
        if (isCamunda(dom) && dom.hasAttribute("expression")) {
            texts.add(dom.getAttribute("expression"));
        }
        List<DomElement> children = dom.getChildElements();
        if (children.isEmpty() && dom.getTextContent() != null && dom.getTextContent().contains("{")) {
            texts.add(dom.getTextContent());
        }
        for (DomElement child : children) {
            collect(child, texts, false);
        }
    }

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    private static boolean isCamunda(DomElement dom) {
        return CAMUNDA_NS.equals(dom.getNamespaceURI());
    }

    private static String ownerId(ModelElementInstance element) {
        ModelElementInstance e = element;
        while (e != null) {
            if (e instanceof BaseElement base && base.getId() != null) {
                return base.getId();
            }
            e = e.getParentElement();
        }
        return null;
    }

    /** A timer's literal value parses as the engine would parse it when the timer starts. */
    private void checkTimers(BpmnModelInstance model, List<ModelProblem> problems) {
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            String owner = ownerId(timer);
            if (timer.getTimeDuration() != null) {
                check(owner, "timeDuration", timer.getTimeDuration().getTextContent(), new DurationBusinessCalendar(), problems);
            }
            if (timer.getTimeDate() != null) {
                check(owner, "timeDate", timer.getTimeDate().getTextContent(), new DueDateBusinessCalendar(), problems);
            }
            if (timer.getTimeCycle() != null) {
                check(owner, "timeCycle", timer.getTimeCycle().getTextContent(), new CycleBusinessCalendar(), problems);
            }
            if (timer.getTimeDuration() == null && timer.getTimeDate() == null && timer.getTimeCycle() == null) {
                problems.add(new ModelProblem(owner, "the timer has no duration, date or cycle"));
            }
        }
    }

    private static void check(String owner, String what, String value, BusinessCalendar calendar, List<ModelProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new ModelProblem(owner, "the timer's " + what + " is empty"));
            return;
        }
        String trimmed = value.trim();
        if (trimmed.startsWith("${") || trimmed.startsWith("#{")) {
            return; // an expression: its words are checked with the others; its value is known only at run time
        }
        try {
            if (calendar.resolveDuedate(trimmed) == null) {
                throw new IllegalArgumentException("no due date");
            }
        } catch (RuntimeException e) {
            problems.add(new ModelProblem(owner, "the timer's " + what + " '" + trimmed + "' does not parse: "
                    + rootMessage(e) + " (ISO 8601, e.g. PT4H, 2027-01-31T12:00:00, R3/PT10M, or a cron expression for a cycle)"));
        }
    }

    /** The ids, messages and listeners the Java code relies on (IncidentProcess). */
    private static void checkIncidentContract(BpmnModelInstance model, List<ModelProblem> problems) {
        if (!(model.getModelElementById(IncidentProcess.GATEWAY_ROUTE) instanceof ExclusiveGateway)) {
            problems.add(new ModelProblem(IncidentProcess.GATEWAY_ROUTE, "the exclusive gateway '" + IncidentProcess.GATEWAY_ROUTE
                    + "' must exist: an SLA hand-over of a task without a hand-over action restarts the ticket's token there"));
        }
        Collection<CatchEvent> catches = model.getModelElementsByType(CatchEvent.class);
        if (catches.stream().noneMatch(e -> listensFor(e, IncidentProcess.MESSAGE_CUSTOMER_REPLIED))) {
            problems.add(new ModelProblem(null, "no event catches message '" + IncidentProcess.MESSAGE_CUSTOMER_REPLIED
                    + "': a customer's answer would reach no ticket"));
        }
        boolean breachHandled = model.getModelElementsByType(SubProcess.class).stream()
                .filter(SubProcess::triggeredByEvent)
                .flatMap(s -> s.getChildElementsByType(StartEvent.class).stream())
                .anyMatch(s -> listensFor(s, IncidentProcess.MESSAGE_SLA_BREACHED));
        if (!breachHandled) {
            problems.add(new ModelProblem(null, "no event subprocess starts on message '" + IncidentProcess.MESSAGE_SLA_BREACHED
                    + "': SLA breaches would not escalate"));
        }
    }

    private static boolean listensFor(CatchEvent event, String messageName) {
        return event.getEventDefinitions().stream().filter(MessageEventDefinition.class::isInstance)
                .map(MessageEventDefinition.class::cast)
                .anyMatch(d -> d.getMessage() != null && messageName.equals(d.getMessage().getName()));
    }

    // ---- DMN

    private Checked checkDmn(String expectedKey, byte[] content) {
        DmnEngine dmn = engine.getDmnEngine();
        List<DmnDecision> decisions;
        try {
            decisions = dmn.parseDecisions(new ByteArrayInputStream(content));
        } catch (RuntimeException e) {
            return failed(Kind.DMN, "not a valid DMN decision: " + rootMessage(e));
        }
        if (decisions.isEmpty()) {
            return failed(Kind.DMN, "the model has no decision");
        }
        String key = decisions.get(0).getKey();
        List<ModelProblem> problems = new ArrayList<>();
        if (DmnPriorityMatrix.FILE_NAME_KEY.equals(expectedKey) || DmnPriorityMatrix.DECISION_KEY.equals(key)) {
            DmnDecision priority = decisions.stream().filter(d -> DmnPriorityMatrix.DECISION_KEY.equals(d.getKey())).findFirst().orElse(null);
            if (priority == null) {
                problems.add(new ModelProblem(null, "the priority matrix must define the decision '" + DmnPriorityMatrix.DECISION_KEY
                        + "'; found " + decisions.stream().map(DmnDecision::getKey).toList()));
            } else {
                key = priority.getKey();
                checkPriorityMatrix(dmn, priority, problems);
            }
        } else if (expectedKey != null && decisions.stream().noneMatch(d -> d.getKey().equals(expectedKey))) {
            problems.add(new ModelProblem(null, "a decision file is named after its decision id: '" + expectedKey
                    + "' expected, found " + decisions.stream().map(DmnDecision::getKey).toList()));
        }
        return new Checked(Kind.DMN, key, problems, List.of());
    }

    /** Inputs impact and urgency (1..3), output priority: every one of the nine cases gives exactly one known priority. */
    private static void checkPriorityMatrix(DmnEngine dmn, DmnDecision decision, List<ModelProblem> problems) {
        Set<String> priorities = EnumSet.allOf(Priority.class).stream().map(Enum::name).collect(Collectors.toSet());
        for (Level impact : Level.values()) {
            for (Level urgency : Level.values()) {
                String inputCase = "impact " + impact.rank() + ", urgency " + urgency.rank();
                DmnDecisionResult result;
                try {
                    result = dmn.evaluateDecision(decision, Map.of("impact", impact.rank(), "urgency", urgency.rank()));
                } catch (RuntimeException e) {
                    problems.add(new ModelProblem(decision.getKey(), inputCase + ": the table cannot be evaluated (its inputs must be "
                            + "'impact' and 'urgency', numbers 1..3): " + rootMessage(e)));
                    return;
                }
                if (result.size() != 1) {
                    problems.add(new ModelProblem(decision.getKey(), inputCase + " gives " + result.size()
                            + " results; exactly one rule must match each case"));
                    continue;
                }
                Object value = result.get(0).get("priority");
                if (value == null || !priorities.contains(String.valueOf(value))) {
                    problems.add(new ModelProblem(decision.getKey(), inputCase + " gives " + result.get(0).getEntryMap()
                            + "; the output 'priority' must be one of " + List.of(Priority.values())));
                }
            }
        }
    }

    private static List<ModelProblem> dedupe(List<ModelProblem> problems) {
        return problems.stream().distinct().toList();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return t == e || e.getMessage() == null ? message : e.getMessage() + (message.equals(e.getMessage()) ? "" : " (" + message + ")");
    }
}
