package org.linedesk.identity;

import java.util.Set;

/**
 * Which projects a user belongs to: through their support groups, or as a member of the project
 * without a group (managers, auditors, process owners). Implemented by the project module.
 */
public interface ProjectMemberships {

    Set<String> projectsOf(String userId, Set<String> supportGroups);
}
