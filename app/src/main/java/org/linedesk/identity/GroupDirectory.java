package org.linedesk.identity;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** The support groups (lines) known to LineDesk. They live in the engine's identity tables. */
@Component
public class GroupDirectory {

    private final IdentityService identityService;

    GroupDirectory(IdentityService identityService) {
        this.identityService = identityService;
    }

    public boolean isSupportGroup(String groupId) {
        return find(groupId).isPresent();
    }

    public Optional<SupportGroup> find(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            return Optional.empty();
        }
        Group group = identityService.createGroupQuery().groupId(groupId).groupType(GroupTypes.SUPPORT).singleResult();
        return Optional.ofNullable(group).map(g -> new SupportGroup(g.getId(), g.getName()));
    }

    public List<SupportGroup> supportGroups() {
        return identityService.createGroupQuery().groupType(GroupTypes.SUPPORT).orderByGroupId().asc().list()
                .stream().map(g -> new SupportGroup(g.getId(), g.getName())).toList();
    }

    public record SupportGroup(String id, String name) {
    }
}
