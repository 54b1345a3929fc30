package org.linedesk.project;

import java.util.List;

import org.linedesk.identity.GroupDirectory;
import org.linedesk.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Who to tell about a ticket of a project: nobody hears of another project's tickets. The lead of a
 * group is a manager who is a member of it; a group without one falls back to the project's managers.
 */
@Component
public class ProjectPeople {

    private final GroupDirectory groups;
    private final ProjectDirectory projects;

    ProjectPeople(GroupDirectory groups, ProjectDirectory projects) {
        this.groups = groups;
        this.projects = projects;
    }

    /** The managers in the group (its leads), else the managers of the project. */
    public List<String> leadsOf(String group, String project) {
        List<String> managers = inProject(groups.memberIds(Role.MANAGER.groupId()), project);
        List<String> members = group == null ? List.of() : groups.memberIds(group);
        List<String> leads = managers.stream().filter(members::contains).toList();
        return leads.isEmpty() ? managers : leads;
    }

    /** Of these users, those who work in the project (through a support group or as members). */
    public List<String> inProject(List<String> userIds, String project) {
        return userIds.stream().filter(u -> projects.projectsOf(u, groups.supportGroupsOf(u)).contains(project)).toList();
    }
}
