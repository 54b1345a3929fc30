package org.linedesk.identity;

import java.security.Principal;
import java.util.Set;

/**
 * Who is acting: an authenticated user with the support groups (lines) they work in and the
 * roles they hold. Groups decide which tickets and tasks an agent may touch.
 */
public record Actor(String userId, String displayName, Set<String> groups, Set<Role> roles) implements Principal {

    public Actor {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
    }

    /** The user id: what Spring Security and the audit log name the user by. */
    @Override
    public String getName() {
        return userId;
    }

    public boolean isMemberOf(String group) {
        return group != null && groups.contains(group);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Managers, auditors, process owners and admins see every ticket; agents only their groups'. */
    public boolean seesAllTickets() {
        return has(Role.MANAGER) || has(Role.AUDITOR) || has(Role.ADMIN) || has(Role.PROCESS_OWNER);
    }
}
