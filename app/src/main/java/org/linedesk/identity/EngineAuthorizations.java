package org.linedesk.identity;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * What each role may do in Camunda's webapps, where the engine's authorizations decide (LineDesk's own
 * pages and API decide for themselves). Administrators ({@code camunda-admin}) may do everything, as
 * Camunda's own first-run setup would grant them. Process owners may use Cockpit and look at every
 * process, decision, deployment, instance, task, history and batch, and change nothing there — no
 * deleting, cancelling, modifying, migrating, suspending or deploying, no job retries: changes to the
 * flow go through LineDesk (validated and audited). Nobody else has a grant. Grants missing at start-up
 * are added; grants an administrator added later are left alone.
 */
@Component
@ConditionalOnProperty(name = "camunda.bpm.authorization.enabled", havingValue = "true")
class EngineAuthorizations implements InitializingBean {

    record Grant(Resource resource, String resourceId, List<Permission> permissions) {
    }

    static final List<Grant> PROCESS_OWNER_GRANTS = List.of(
            new Grant(Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
            new Grant(Resources.PROCESS_DEFINITION, Authorization.ANY, List.of(ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK)),
            new Grant(Resources.PROCESS_INSTANCE, Authorization.ANY, List.of(Permissions.READ)),
            new Grant(Resources.TASK, Authorization.ANY, List.of(Permissions.READ)),
            new Grant(Resources.DEPLOYMENT, Authorization.ANY, List.of(Permissions.READ)),
            new Grant(Resources.DECISION_DEFINITION, Authorization.ANY, List.of(Permissions.READ, Permissions.READ_HISTORY)),
            new Grant(Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY, List.of(Permissions.READ)),
            new Grant(Resources.BATCH, Authorization.ANY, List.of(Permissions.READ)));

    private final AuthorizationService authorizations;

    EngineAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public void afterPropertiesSet() {
        for (Resource resource : Resources.values()) {
            ensure(Role.ADMIN.groupId(), new Grant(resource, Authorization.ANY, List.of(Permissions.ALL)));
        }
        for (Grant grant : PROCESS_OWNER_GRANTS) {
            ensure(Role.PROCESS_OWNER.groupId(), grant);
        }
    }

    private void ensure(String group, Grant grant) {
        boolean present = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(grant.resource()).resourceId(grant.resourceId()).count() > 0;
        if (!present) {
            Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            a.setGroupId(group);
            a.setResource(grant.resource());
            a.setResourceId(grant.resourceId());
            grant.permissions().forEach(a::addPermission);
            authorizations.saveAuthorization(a);
        }
    }
}
