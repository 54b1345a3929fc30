package org.linedesk.workflow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.linedesk.ticket.TaskAction;
import org.linedesk.ticket.TaskAction.Input;

/**
 * Reads the actions a user task allows from its extension properties:
 * <pre>{@code <camunda:property name="action:hand-over" value="label=Hand over; needs=group; accepts=reason"/>}</pre>
 * Keys: {@code label}, {@code needs} and {@code accepts} (comma lists of reply, group, reason),
 * {@code group} (a fixed hand-over target). A mistake is reported with the element and property.
 */
final class TaskActionParser {

    private static final Pattern ACTION_ID = Pattern.compile("[a-z][a-z0-9-]{0,49}");

    private TaskActionParser() {
    }

    static List<TaskAction> actionsOf(UserTask task) {
        List<TaskAction> actions = new ArrayList<>();
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            return actions;
        }
        for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                String name = property.getCamundaName();
                if (name != null && name.startsWith(IncidentProcess.ACTION_PROPERTY_PREFIX)) {
                    TaskAction action = parse(task.getId(), name, property.getCamundaValue());
                    if (actions.stream().anyMatch(a -> a.id().equals(action.id()))) {
                        throw new InvalidProcessException(task.getId(), name, "the action is declared twice");
                    }
                    actions.add(action);
                }
            }
        }
        return actions;
    }

    static TaskAction parse(String taskId, String propertyName, String value) {
        String id = propertyName.substring(IncidentProcess.ACTION_PROPERTY_PREFIX.length()).trim();
        if (!ACTION_ID.matcher(id).matches()) {
            throw new InvalidProcessException(taskId, propertyName,
                    "an action id is lower-case letters, digits and '-', starting with a letter");
        }
        String label = id;
        Set<Input> needs = EnumSet.noneOf(Input.class);
        Set<Input> accepts = EnumSet.noneOf(Input.class);
        String group = null;
        for (String part : (value == null ? "" : value).split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new InvalidProcessException(taskId, propertyName, "'" + part.trim() + "' is not key=value");
            }
            String key = part.substring(0, eq).trim();
            String val = part.substring(eq + 1).trim();
            switch (key) {
                case "label" -> label = val;
                case "needs" -> needs.addAll(inputs(taskId, propertyName, val));
                case "accepts" -> accepts.addAll(inputs(taskId, propertyName, val));
                case "group" -> group = val.isEmpty() ? null : val;
                default -> throw new InvalidProcessException(taskId, propertyName,
                        "unknown key '" + key + "'; use label, needs, accepts or group");
            }
        }
        if (group != null && (needs.contains(Input.GROUP) || accepts.contains(Input.GROUP))) {
            throw new InvalidProcessException(taskId, propertyName, "a fixed group cannot also be given by the agent");
        }
        return new TaskAction(id, label, needs, accepts, group);
    }

    private static Set<Input> inputs(String taskId, String propertyName, String list) {
        Set<Input> inputs = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                inputs.add(Input.valueOf(item.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidProcessException(taskId, propertyName,
                        "unknown input '" + item.trim() + "'; use reply, group or reason");
            }
        }
        return inputs;
    }
}
