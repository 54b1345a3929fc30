package org.linedesk.workflow;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.linedesk.audit.AuditLog;
import org.linedesk.sla.SlaClocks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers LineDesk's own job handler (the SLA clock timer) with the engine, and the hardening of the
 * engine: the task-query expression guard, the audit of administrative commands, and authorizations
 * without a row per task; and SLA timers that follow their ticket through a migration.
 */
@Component
class EnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<SlaClocks> clocks;
    private final ObjectProvider<AuditLog> audit;

    EnginePlugin(ObjectProvider<SlaClocks> clocks, ObjectProvider<AuditLog> audit) {
        this.clocks = clocks;
        this.audit = audit;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomJobHandlers(plus(configuration.getCustomJobHandlers(), new SlaClockJobHandler(clocks)));
        // Before the transaction interceptor: a refusal or failure is recorded in a transaction of its own.
        configuration.setCustomPreCommandInterceptorsTxRequired(plus(configuration.getCustomPreCommandInterceptorsTxRequired(),
                new TaskQueryExpressionGuard(audit), new EngineCommandAudit(audit)));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(plus(configuration.getCustomPreCommandInterceptorsTxRequiresNew(),
                new TaskQueryExpressionGuard(audit), new EngineCommandAudit(audit)));
        // Inside the command context: a migration keeps the instance's SLA timer (same job, same due date).
        configuration.setCustomPostCommandInterceptorsTxRequired(plus(configuration.getCustomPostCommandInterceptorsTxRequired(),
                new SlaTimersFollowMigration.Interceptor()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(plus(configuration.getCustomPostCommandInterceptorsTxRequiresNew(),
                new SlaTimersFollowMigration.Interceptor()));
        // Replaces the engine's handler of migration batch jobs (same type): the same, with SLA timers kept.
        configuration.setCustomBatchJobHandlers(plus(configuration.getCustomBatchJobHandlers(),
                new SlaTimersFollowMigration.BatchJobs()));
        configuration.setResourceAuthorizationProvider(new LineDeskAuthorizationProvider());
        configuration.setTenantIdProvider(new ProjectTenants());
    }

    /** A new list: the engine's own may be null or immutable (it is in Operaton). */
    @SafeVarargs
    private static <T> List<T> plus(List<T> list, T... more) {
        List<T> copy = new ArrayList<>(list == null ? List.of() : list);
        copy.addAll(List.of(more));
        return copy;
    }
}
