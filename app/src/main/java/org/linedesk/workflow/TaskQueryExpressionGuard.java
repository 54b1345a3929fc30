package org.linedesk.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;
import org.linedesk.audit.AuditLog;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Closes CVE-2026-109432 in the engine itself, whatever the caller (the engine's REST API, the
 * webapps' API, Java): a task query — ad hoc, nested in {@code orQueries}, stored in a filter or
 * extending one — may carry no expression but the few harmless ones Tasklist's filters use
 * ({@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}}, {@code ${dateTime()…}}).
 * Anything else is refused before the engine evaluates it (400 through the REST APIs) and the refusal
 * is on the audit log.
 */
final class TaskQueryExpressionGuard extends CommandInterceptor {

    /** The built-in Tasklist expressions; nothing here reaches a bean, a class or a method of choice. */
    static final Pattern ALLOWED = Pattern.compile("\\$\\{\\s*(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
            + "|dateTime\\(\\)(\\.(plus|minus)(Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\(\\s*\\d{1,6}\\s*\\))*"
            + "(\\.withTimeAtStartOfDay\\(\\))?(\\.toDate\\(\\))?)\\s*}");

    private final ObjectProvider<AuditLog> audit;

    TaskQueryExpressionGuard(ObjectProvider<AuditLog> audit) {
        this.audit = audit;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof TaskQueryImpl query) {
            refuseForbidden("task query", query);
        } else if (command instanceof SaveFilterCmd save) {
            Filter filter = EngineFields.read(save, "filter", Filter.class);
            if (filter != null && filter.getQuery() instanceof TaskQueryImpl query) {
                refuseForbidden("filter " + filter.getName(), query);
            }
        } else if (command instanceof AbstractExecuteFilterCmd execute) {
            checkFilterExecution(execute);
        }
        return next.execute(command);
    }

    /** The stored filter's own query (it may predate this guard) and the query that extends it. */
    private void checkFilterExecution(AbstractExecuteFilterCmd execute) {
        String filterId = EngineFields.read(execute, "filterId", String.class);
        if (EngineFields.read(execute, "extendingQuery", Query.class) instanceof TaskQueryImpl extending) {
            refuseForbidden("filter " + filterId + " (extending query)", extending);
        }
        if (filterId != null) {
            FilterEntity stored = next.execute(context -> context.getDbEntityManager().selectById(FilterEntity.class, filterId));
            if (stored != null && stored.getQuery() instanceof TaskQueryImpl query) {
                refuseForbidden("filter " + filterId, query);
            }
        }
    }

    private void refuseForbidden(String what, TaskQueryImpl query) {
        List<String> forbidden = forbiddenExpressions(query);
        if (forbidden.isEmpty()) {
            return;
        }
        String reason = "expressions are not allowed in task queries (only ${currentUser()}, ${currentUserGroups()}, "
                + "${now()} and ${dateTime()…}): " + forbidden;
        audit.getObject().recordNow(AuditLog.currentActor(), "TASK_QUERY_REFUSED", what, String.join("\n", forbidden),
                "REFUSED: " + reason);
        throw new BadUserRequestException("Task query refused: " + reason);
    }

    /** Each forbidden expression as {@code field=expression}, in this query and every query nested in it. */
    static List<String> forbiddenExpressions(TaskQueryImpl query) {
        List<String> forbidden = new ArrayList<>();
        collect(query, forbidden, 0);
        return forbidden;
    }

    private static void collect(TaskQueryImpl query, List<String> forbidden, int depth) {
        for (Map.Entry<String, String> e : query.getExpressions().entrySet()) {
            if (e.getValue() == null || !ALLOWED.matcher(e.getValue()).matches()) {
                forbidden.add(e.getKey() + "=" + e.getValue());
            }
        }
        if (depth > 4) {
            return;
        }
        for (TaskQueryImpl nested : query.getQueries()) {
            if (nested != query) {
                collect(nested, forbidden, depth + 1);
            }
        }
    }
}
