package org.linedesk.workflow;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.linedesk.project.Project;

/**
 * A ticket's process instance carries its project as the engine's tenant id, also when it runs the
 * shared process (the default project's instances stay without one, as before projects). So the engine
 * itself keeps projects apart where it looks at tenants: Cockpit shows a user only the tenants they
 * belong to, and a ticket may be migrated onto its project's own version of the process.
 */
final class ProjectTenants implements TenantIdProvider {

    private static final ThreadLocal<String> STARTING = new ThreadLocal<>();

    /** Runs the start of a ticket's process instance for {@code project}. */
    static <T> T starting(String project, Supplier<T> start) {
        STARTING.set(project);
        try {
            return start.get();
        } finally {
            STARTING.remove();
        }
    }

    /** The tenant of a project's instances: its key, none for the default project. */
    static String tenantOf(String project) {
        return project == null || Project.DEFAULT.equals(project) ? null : project;
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
        return tenantOf(STARTING.get());
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
        return null;
    }
}
