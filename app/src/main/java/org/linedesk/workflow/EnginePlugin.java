package org.linedesk.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.linedesk.audit.AuditLog;
import org.linedesk.sla.SlaClocks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers LineDesk's own job handler (the SLA clock timer) with the engine, and the hardening of the
 * engine: the task-query expression guard, the audit of administrative commands, and authorizations
 * without a row per task.
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
        // a copy: the engine's own list may be immutable (it is in Operaton)
        List<JobHandler> handlers = new ArrayList<>(Optional.ofNullable(configuration.getCustomJobHandlers()).orElse(List.of()));
        handlers.add(new SlaClockJobHandler(clocks));
        configuration.setCustomJobHandlers(handlers);
        // Before the transaction interceptor: a refusal or failure is recorded in a transaction of its own.
        for (boolean requiresNew : new boolean[] {false, true}) {
            List<CommandInterceptor> interceptors = new ArrayList<>(Optional.ofNullable(requiresNew
                    ? configuration.getCustomPreCommandInterceptorsTxRequiresNew()
                    : configuration.getCustomPreCommandInterceptorsTxRequired()).orElse(List.of()));
            interceptors.add(new TaskQueryExpressionGuard(audit));
            interceptors.add(new EngineCommandAudit(audit));
            if (requiresNew) {
                configuration.setCustomPreCommandInterceptorsTxRequiresNew(interceptors);
            } else {
                configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
            }
        }
        configuration.setResourceAuthorizationProvider(new LineDeskAuthorizationProvider());
    }
}
