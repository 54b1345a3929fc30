package org.linedesk.workflow;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.linedesk.audit.AuditLog;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Puts the administrative acts done through the engine on the audit log, however they were asked for
 * (Admin and Cockpit webapps, the engine's REST API, LineDesk at start-up): users, groups, memberships
 * (roles are memberships of the role groups), tenants, authorizations, filters, deployments, and what
 * an administrator does to running processes (delete, modify, migrate, restart, suspend, job retries).
 * Each entry says who, from where, what, and whether it worked; the act's own transaction is left alone.
 */
final class EngineCommandAudit extends CommandInterceptor {

    private record Act(String action, Function<Object, String> target) {
    }

    private static final Map<String, Act> ACTS = Map.ofEntries(
            act("SaveUserCmd", "USER_SAVED", c -> "user " + idOf(EngineFields.read(c, "user", User.class))),
            act("DeleteUserCmd", "USER_DELETED", c -> "user " + field(c, "userId")),
            act("UnlockUserCmd", "USER_UNLOCKED", c -> "user " + field(c, "userId")),
            act("SaveGroupCmd", "GROUP_SAVED", c -> "group " + groupOf(c)),
            act("DeleteGroupCmd", "GROUP_DELETED", c -> "group " + field(c, "groupId")),
            act("CreateMembershipCmd", "MEMBERSHIP_ADDED", c -> "user " + field(c, "userId") + " in group " + field(c, "groupId")),
            act("DeleteMembershipCmd", "MEMBERSHIP_REMOVED", c -> "user " + field(c, "userId") + " in group " + field(c, "groupId")),
            act("SaveTenantCmd", "TENANT_SAVED", c -> "tenant"),
            act("DeleteTenantCmd", "TENANT_DELETED", c -> "tenant " + field(c, "tenantId")),
            act("CreateTenantUserMembershipCmd", "TENANT_MEMBERSHIP_ADDED", c -> "user " + field(c, "userId") + " in tenant " + field(c, "tenantId")),
            act("CreateTenantGroupMembershipCmd", "TENANT_MEMBERSHIP_ADDED", c -> "group " + field(c, "groupId") + " in tenant " + field(c, "tenantId")),
            act("DeleteTenantUserMembershipCmd", "TENANT_MEMBERSHIP_REMOVED", c -> "user " + field(c, "userId") + " in tenant " + field(c, "tenantId")),
            act("DeleteTenantGroupMembershipCmd", "TENANT_MEMBERSHIP_REMOVED", c -> "group " + field(c, "groupId") + " in tenant " + field(c, "tenantId")),
            act("SaveAuthorizationCmd", "AUTHORIZATION_SAVED", c -> authorizationOf(EngineFields.read(c, "authorization", AuthorizationEntity.class))),
            act("DeleteAuthorizationCmd", "AUTHORIZATION_DELETED", c -> "authorization " + field(c, "authorizationId")),
            act("SaveFilterCmd", "FILTER_SAVED", c -> "filter " + filterOf(c)),
            act("DeleteFilterCmd", "FILTER_DELETED", c -> "filter " + field(c, "filterId")),
            act("DeployCmd", "DEPLOYED", EngineCommandAudit::deploymentOf),
            act("DeleteDeploymentCmd", "DEPLOYMENT_DELETED", c -> "deployment " + field(c, "deploymentId")),
            act("DeleteProcessDefinitionsByIdsCmd", "PROCESS_DEFINITIONS_DELETED", c -> "process definitions"),
            act("DeleteProcessInstanceCmd", "PROCESS_INSTANCE_DELETED", c -> "process instance " + field(c, "processInstanceId")),
            act("DeleteProcessInstancesCmd", "PROCESS_INSTANCES_DELETED", c -> "process instances"),
            act("DeleteHistoricProcessInstancesCmd", "HISTORY_DELETED", c -> "historic process instances"),
            act("ModifyProcessInstanceCmd", "PROCESS_INSTANCE_MODIFIED", c -> "process instance"),
            act("ProcessInstanceModificationCmd", "PROCESS_INSTANCES_MODIFIED", c -> "process instances"),
            act("ProcessInstanceModificationBatchCmd", "PROCESS_INSTANCES_MODIFIED", c -> "process instances (batch)"),
            act("ModifyProcessInstanceAsyncCmd", "PROCESS_INSTANCE_MODIFIED", c -> "process instance (async)"),
            act("RestartProcessInstancesCmd", "PROCESS_INSTANCES_RESTARTED", c -> "process instances"),
            act("MigrateProcessInstanceCmd", "PROCESS_INSTANCES_MIGRATED", c -> "process instances"),
            act("MigrateProcessInstanceBatchCmd", "PROCESS_INSTANCES_MIGRATED", c -> "process instances (batch)"),
            act("UpdateProcessInstanceSuspensionStateCmd", "PROCESS_INSTANCE_SUSPENSION_CHANGED", c -> "process instance"),
            act("UpdateProcessDefinitionSuspensionStateCmd", "PROCESS_DEFINITION_SUSPENSION_CHANGED", c -> "process definition"),
            act("SetJobRetriesCmd", "JOB_RETRIES_SET", c -> "job"),
            act("DeleteJobCmd", "JOB_DELETED", c -> "job " + field(c, "jobId")),
            act("ResolveIncidentCmd", "INCIDENT_RESOLVED", c -> "incident " + field(c, "incidentId")));

    private final ObjectProvider<AuditLog> audit;

    EngineCommandAudit(ObjectProvider<AuditLog> audit) {
        this.audit = audit;
    }

    @Override
    public <T> T execute(Command<T> command) {
        Act act = ACTS.get(command.getClass().getSimpleName());
        if (act == null) {
            return next.execute(command);
        }
        String actor = AuditLog.currentActor();
        String target = act.target().apply(command);
        T result;
        try {
            result = next.execute(command);
        } catch (RuntimeException e) {
            audit.getObject().recordNow(actor, act.action(), target, null, "FAILED: " + e.getMessage());
            throw e;
        }
        audit.getObject().recordNow(actor, act.action(), target, detailOf(result), AuditLog.OK);
        return result;
    }

    /** What a deployment made: each definition with its new version. */
    private static String detailOf(Object result) {
        if (result instanceof DeploymentWithDefinitions deployment) {
            String definitions = Stream.of(deployment.getDeployedProcessDefinitions(), deployment.getDeployedDecisionDefinitions(),
                            deployment.getDeployedDecisionRequirementsDefinitions(), deployment.getDeployedCaseDefinitions())
                    .filter(list -> list != null)
                    .flatMap(list -> list.stream().map(d -> ((ResourceDefinition) d).getKey() + " v" + ((ResourceDefinition) d).getVersion()))
                    .collect(Collectors.joining(", "));
            return "deployment " + deployment.getId() + (definitions.isEmpty() ? " (no new definitions)" : ": " + definitions);
        }
        return null;
    }

    private static Map.Entry<String, Act> act(String commandClass, String action, Function<Object, String> target) {
        return Map.entry(commandClass, new Act(action, target));
    }

    private static String field(Object command, String name) {
        return String.valueOf(EngineFields.read(command, name, Object.class));
    }

    private static String idOf(User user) {
        return user == null ? "?" : user.getId();
    }

    private static String groupOf(Object command) {
        Group group = EngineFields.read(command, "group", Group.class);
        return group == null ? "?" : group.getId() + " (" + group.getType() + ")";
    }

    private static String filterOf(Object command) {
        Filter filter = EngineFields.read(command, "filter", Filter.class);
        return filter == null ? "?" : filter.getName();
    }

    private static String authorizationOf(AuthorizationEntity a) {
        if (a == null) {
            return "authorization";
        }
        String who = a.getGroupId() != null ? "group " + a.getGroupId() : "user " + a.getUserId();
        return "authorization for " + who + " on resource type " + a.getResourceType() + " '" + a.getResourceId()
                + "', permissions " + a.getPermissions();
    }

    private static String deploymentOf(Object command) {
        DeploymentBuilderImpl builder = EngineFields.read(command, "deploymentBuilder", DeploymentBuilderImpl.class);
        if (builder == null) {
            return "deployment";
        }
        return "deployment " + builder.getNameFromDeployment() + " " + builder.getResourceNames();
    }
}
