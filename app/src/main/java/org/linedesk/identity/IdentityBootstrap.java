package org.linedesk.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure the groups LineDesk itself depends on exist: the role groups and the first line
 * (every new ticket lands there). With {@code LINEDESK_ADMIN_PASSWORD} set, also the first
 * administrator {@code admin}, so a fresh production install can be logged into.
 */
@Component
public class IdentityBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final IdentityService identityService;
    private final String adminPassword;

    IdentityBootstrap(IdentityService identityService, @Value("${linedesk.admin-password:}") String adminPassword) {
        this.identityService = identityService;
        this.adminPassword = adminPassword;
    }

    @Override
    public void afterPropertiesSet() {
        for (Role role : Role.values()) {
            if (role.groupId() != null) {
                ensureGroup(role.groupId(), role.name().charAt(0) + role.name().substring(1).toLowerCase().replace('_', ' ') + "s", GroupTypes.ROLE);
            }
        }
        ensureGroup(GroupTypes.FIRST_LINE, "First line", GroupTypes.SUPPORT);
        if (!adminPassword.isBlank() && identityService.createUserQuery().userId("admin").count() == 0) {
            ensureUser("admin", "Administrator", "", "admin@localhost", adminPassword);
            ensureMembership("admin", Role.ADMIN.groupId());
            log.info("Created the administrator 'admin' from LINEDESK_ADMIN_PASSWORD");
        }
    }

    /**
     * A production start without LINEDESK_ADMIN_PASSWORD has no administrator: say how to get one (the
     * webapps' own first-run setup is closed, see SecurityConfiguration). Checked once the application
     * is up, so the demo's users count.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void warnWithoutAdministrator() {
        if (identityService.createUserQuery().memberOfGroup(Role.ADMIN.groupId()).count() == 0) {
            log.warn("No administrator exists. Set the environment variable LINEDESK_ADMIN_PASSWORD and restart: "
                    + "LineDesk then creates the administrator 'admin' with that password (docs/operations.md).");
        }
    }

    public void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    public void ensureUser(String id, String firstName, String lastName, String email, String password) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            user.setPassword(password);
            identityService.saveUser(user);
        }
    }

    public void ensureMembership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
