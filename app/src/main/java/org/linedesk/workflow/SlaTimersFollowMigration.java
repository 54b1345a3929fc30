package org.linedesk.workflow;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl;
import org.camunda.bpm.engine.impl.migration.batch.MigrationBatchConfiguration;
import org.camunda.bpm.engine.impl.migration.batch.MigrationBatchJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Keeps a ticket's SLA clock timer through a migration, whoever starts it (the studio, Cockpit, the REST
 * API; at once or as a batch). The timer is a job of the process instance but of no activity, so the
 * engine's migration would refuse the instance ("contains not migrated jobs"). While the migration runs
 * the timer is detached from its instance and attached again after, in the same transaction: same job,
 * same due date, nothing recomputed. Runs inside the command context, on its connection.
 */
final class SlaTimersFollowMigration {

    private SlaTimersFollowMigration() {
    }

    /** Around a migration command started through the engine's services. */
    static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (!(command instanceof MigrateProcessInstanceCmd)) {
                return next.execute(command);
            }
            MigrationPlanExecutionBuilderImpl builder = EngineFields.read(command, "executionBuilder",
                    MigrationPlanExecutionBuilderImpl.class);
            return aside(builder == null ? Set.of() : instanceIds(builder), () -> next.execute(command));
        }
    }

    /** Around each job of a migration batch (the engine runs the batch's command past the interceptors). */
    static final class BatchJobs extends MigrationBatchJobHandler {

        @Override
        public void executeHandler(MigrationBatchConfiguration configuration, ExecutionEntity execution,
                                   CommandContext commandContext, String tenantId) {
            aside(configuration.getIds(), () -> {
                super.executeHandler(configuration, execution, commandContext, tenantId);
                return null;
            });
        }
    }

    private static <T> T aside(Collection<String> instances, Supplier<T> migration) {
        Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
        Map<String, String> detached = detach(connection, instances);
        T result = migration.get();
        reattach(connection, detached);
        return result;
    }

    private static Set<String> instanceIds(MigrationPlanExecutionBuilderImpl builder) {
        Set<String> ids = new LinkedHashSet<>();
        if (builder.getProcessInstanceIds() != null) {
            ids.addAll(builder.getProcessInstanceIds());
        }
        if (builder.getProcessInstanceQuery() != null) {
            builder.getProcessInstanceQuery().list().stream().map(ProcessInstance::getId).forEach(ids::add);
        }
        return ids;
    }

    /** SLA timer job id → process instance id, for the timers of these instances, now detached. */
    private static Map<String, String> detach(Connection connection, Collection<String> instances) {
        Map<String, String> timers = new LinkedHashMap<>();
        if (instances.isEmpty()) {
            return timers;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select id_, process_instance_id_ from act_ru_job where handler_type_ = ? and process_instance_id_ = any (?)")) {
            Array ids = connection.createArrayOf("varchar", instances.toArray());
            select.setString(1, SlaClockJobHandler.TYPE);
            select.setArray(2, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    timers.put(rows.getString(1), rows.getString(2));
                }
            }
            if (!timers.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "update act_ru_job set process_instance_id_ = null where id_ = any (?)")) {
                    update.setArray(1, connection.createArrayOf("varchar", timers.keySet().toArray()));
                    update.executeUpdate();
                }
            }
            return timers;
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not set the SLA timers aside for the migration: " + e.getMessage(), e);
        }
    }

    private static void reattach(Connection connection, Map<String, String> timers) {
        if (timers.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("update act_ru_job set process_instance_id_ = ? where id_ = ?")) {
            for (Map.Entry<String, String> timer : timers.entrySet()) {
                update.setString(1, timer.getValue());
                update.setString(2, timer.getKey());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not give the SLA timers back after the migration: " + e.getMessage(), e);
        }
    }
}
