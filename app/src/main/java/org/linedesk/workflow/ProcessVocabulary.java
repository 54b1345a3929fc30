package org.linedesk.workflow;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words process owners may use in expressions (docs/process-authoring.md): the beans
 * {@code tickets}, {@code sla} and {@code incidentSettings}, and the variables a BPMN expression may
 * read. A model naming anything else is refused before it reaches the engine.
 */
public final class ProcessVocabulary {

    public enum Where { TASK_LISTENER, EXECUTION_LISTENER, SERVICE_TASK, CONDITION, TIMER }

    /** One word, as a process owner writes it, with where it belongs and what it does. */
    public record Word(String bean, String member, String expression, Where where, String description) {

        String qualified() {
            return bean + "." + member;
        }
    }

    public static final List<Word> WORDS = List.of(
            new Word("tickets", "enqueue", "${tickets.enqueue(task)}", Where.TASK_LISTENER,
                    "create listener of every ticket task: the ticket enters the queue of the task's candidate group"),
            new Word("tickets", "assigneeChanged", "${tickets.assigneeChanged(task)}", Where.TASK_LISTENER,
                    "assignment listener of every ticket task: mirrors claim and unclaim on the ticket"),
            new Word("tickets", "awaitCustomer", "${tickets.awaitCustomer(execution)}", Where.EXECUTION_LISTENER,
                    "start listener of the event that waits for the customer: status pending customer"),
            new Word("tickets", "resolve", "${tickets.resolve(execution)}", Where.SERVICE_TASK,
                    "the ticket is resolved; the customer may still reply"),
            new Word("tickets", "reopen", "${tickets.reopen(execution)}", Where.SERVICE_TASK,
                    "the customer replied to a resolved ticket: back to the group that answered last"),
            new Word("tickets", "close", "${tickets.close(execution, 'reason')}", Where.SERVICE_TASK,
                    "the ticket is closed for good with the reason given"),
            new Word("tickets", "isFirstLine", "${tickets.isFirstLine(group)}", Where.CONDITION,
                    "routing condition: whether the group is a project's first line (its tickets go to triage)"),
            new Word("sla", "notifyBreach", "${sla.notifyBreach(execution)}", Where.SERVICE_TASK,
                    "SLA breached subprocess: notify whom the SLA policy names (hierarchical escalation)"),
            new Word("sla", "handOverOnBreach", "${sla.handOverOnBreach(execution, 'RESOLUTION')}", Where.SERVICE_TASK,
                    "SLA breached subprocess: hand the ticket to the policy's group (functional escalation); "
                            + "a third argument names the group"),
            new Word("sla", "breached", "${sla.breached(execution, 'FIRST_RESPONSE')}", Where.CONDITION,
                    "gateway condition in the SLA breached subprocess: whether that metric breached"),
            new Word("incidentSettings", "quietPeriodIso", "${incidentSettings.quietPeriodIso}", Where.TIMER,
                    "the configured quiet period after resolving (LINEDESK_QUIET_PERIOD)"));

    /** Names an expression may use without a dot: the engine's context objects and the process variables. */
    static final Set<String> VARIABLES = Set.of("execution", "task", IncidentProcess.VAR_GROUP, IncidentProcess.VAR_ACTION,
            IncidentProcess.VAR_TICKET_ID, IncidentProcess.VAR_SLA_BREACHED, IncidentProcess.VAR_RATING_QUALITY,
            IncidentProcess.VAR_RATING_SPEED, IncidentProcess.VAR_RATING_LOW, "true", "false", "null", "empty", "not", "and",
            "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");

    private static final Set<String> BEANS = WORDS.stream().map(Word::bean).collect(Collectors.toSet());
    private static final Set<String> QUALIFIED = WORDS.stream().map(Word::qualified).collect(Collectors.toSet());
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)(\\s*\\.\\s*([A-Za-z_]\\w*))?");

    private ProcessVocabulary() {
    }

    /** What is wrong with the words of one attribute or text (empty when every word is known). */
    static List<String> unknownWords(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> unknown = new java.util.ArrayList<>();
        Matcher expressions = EXPRESSION.matcher(text);
        while (expressions.find()) {
            String body = STRING.matcher(expressions.group(1)).replaceAll("''");
            Matcher names = NAME.matcher(body);
            while (names.find()) {
                String first = names.group(1);
                String member = names.group(3);
                if (BEANS.contains(first)) {
                    if (member == null || !QUALIFIED.contains(first + "." + member)) {
                        unknown.add("'" + first + (member == null ? "" : "." + member) + "' is not a word of the vocabulary; "
                                + "known: " + WORDS.stream().filter(w -> w.bean().equals(first)).map(Word::qualified).toList());
                    }
                } else if (!VARIABLES.contains(first)) {
                    unknown.add("'" + first + (member == null ? "" : "." + member)
                            + "' is neither a vocabulary word (tickets.…, sla.…, incidentSettings.…) nor a variable LineDesk sets "
                            + "(group, action, ticketId, slaBreached)");
                }
            }
        }
        return unknown;
    }

    /** The quoted arguments of every {@code sla.…(…)} call, in order (metric first, then an optional group). */
    static List<List<String>> slaArguments(String text) {
        List<List<String>> calls = new java.util.ArrayList<>();
        if (text == null) {
            return calls;
        }
        Matcher call = Pattern.compile("sla\\s*\\.\\s*\\w+\\s*\\(([^)]*)\\)").matcher(text);
        while (call.find()) {
            List<String> args = new java.util.ArrayList<>();
            Matcher s = Pattern.compile("'([^']*)'").matcher(call.group(1));
            while (s.find()) {
                args.add(s.group(1));
            }
            calls.add(args);
        }
        return calls;
    }
}
