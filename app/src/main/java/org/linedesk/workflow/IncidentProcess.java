package org.linedesk.workflow;

/**
 * The contract between processes/incident.bpmn and the Java code: element ids, message names and
 * variable names. Process owners may change the flow freely but must keep these names.
 */
public final class IncidentProcess {

    public static final String PROCESS_KEY = "incident";

    /** First line: triage the new ticket. */
    public static final String TASK_TRIAGE = "Task_Triage";
    /** A (second-line) group works the ticket. */
    public static final String TASK_SOLVE = "Task_Solve";
    public static final String EVENT_WAIT_FOR_CUSTOMER = "Event_WaitForCustomer";
    /** Resolved: waits for a customer reply (reopen) or the end of the quiet period (close). */
    public static final String GATEWAY_AFTER_RESOLVE = "Gateway_AfterResolve";
    public static final String EVENT_CUSTOMER_REPLIED_AFTER_RESOLVE = "Event_ReplyAfterResolve";
    public static final String TIMER_QUIET_PERIOD = "Timer_QuietPeriod";

    /** Where every way into a queue passes (an SLA breach hand-over restarts the ticket's token here). */
    public static final String GATEWAY_ROUTE = "Gateway_Route";
    /** Message: an SLA clock breached; starts the event subprocess that escalates (variable {@code slaBreached}). */
    public static final String MESSAGE_SLA_BREACHED = "SlaBreached";
    /** Variable of that event subprocess: the metrics that breached, e.g. "RESOLUTION" or "FIRST_RESPONSE,RESOLUTION". */
    public static final String VAR_SLA_BREACHED = "slaBreached";
    /** The action an SLA breach hand-over completes a task with, when the task declares it. */
    public static final String ACTION_HAND_OVER = "hand-over";

    /** Message the process receives when the customer writes to a waiting ticket. */
    public static final String MESSAGE_CUSTOMER_REPLIED = "CustomerReplied";

    /**
     * Message the process receives when the customer rates an answer (or changes a rating), with the
     * variables {@code ratingQuality}, {@code ratingSpeed} (null: not rated) and {@code ratingLow}.
     */
    public static final String MESSAGE_CUSTOMER_RATED = "CustomerRated";
    public static final String VAR_RATING_QUALITY = "ratingQuality";
    public static final String VAR_RATING_SPEED = "ratingSpeed";
    public static final String VAR_RATING_LOW = "ratingLow";

    /** Process variable: the ticket's id (also the business key). */
    public static final String VAR_TICKET_ID = "ticketId";
    /** Process variable: the group whose queue the ticket goes to next. */
    public static final String VAR_GROUP = "group";
    /** Process variable: the action the agent chose on the task just completed. */
    public static final String VAR_ACTION = "action";

    /** Extension property prefix declaring an allowed action on a user task: {@code action:<id>}. */
    public static final String ACTION_PROPERTY_PREFIX = "action:";

    private IncidentProcess() {
    }
}
