package org.linedesk.identity;

/**
 * Roles come from membership in the engine's role groups (type {@value GroupTypes#ROLE});
 * {@link #AGENT} from membership in any support group (type {@value GroupTypes#SUPPORT}).
 */
public enum Role {
    AGENT(null),
    MANAGER("managers"),
    PROCESS_OWNER("process-owners"),
    AUDITOR("auditors"),
    ADMIN("camunda-admin");

    private final String groupId;

    Role(String groupId) {
        this.groupId = groupId;
    }

    /** The engine group whose members hold this role; null for AGENT. */
    public String groupId() {
        return groupId;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
