package org.linedesk.identity;

import java.security.Principal;
import java.util.Set;

/**
 * Who is acting: an authenticated user with the support groups (lines) they work in, the roles they
 * hold and the projects (desks) they belong to. Groups decide which tickets and tasks an agent may
 * touch; projects bound everything else: outside them nothing exists for the actor.
 */
public record Actor(String userId, String displayName, Set<String> groups, Set<Role> roles, Set<String> projects)
        implements Principal {

    /** The project every installation has; everything that existed before projects is in it. */
    public static final String DEFAULT_PROJECT = "default";

    public Actor {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
        projects = Set.copyOf(projects);
    }

    /** An actor of the default project only (an installation with one desk). */
    public Actor(String userId, String displayName, Set<String> groups, Set<Role> roles) {
        this(userId, displayName, groups, roles, Set.of(DEFAULT_PROJECT));
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

    /** Administrators see every project; everyone else the projects they belong to. */
    public boolean seesAllProjects() {
        return has(Role.ADMIN);
    }

    public boolean seesProject(String project) {
        return seesAllProjects() || projects.contains(project);
    }

    /**
     * Managers, auditors, process owners and admins see every ticket of their projects; agents only
     * their groups'.
     */
    public boolean seesAllTickets() {
        return has(Role.MANAGER) || has(Role.AUDITOR) || has(Role.ADMIN) || has(Role.PROCESS_OWNER);
    }
}
