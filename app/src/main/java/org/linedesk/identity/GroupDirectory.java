package org.linedesk.identity;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** The support groups (lines) known to LineDesk. They live in the engine's identity tables. */
@Component
public class GroupDirectory {

    /** Groups change rarely and are checked on every new ticket and hand-over: keep the ids a few seconds. */
    private static final Duration KNOWN_IDS_TTL = Duration.ofSeconds(10);

    private final IdentityService identityService;
    private volatile Set<String> knownIds = Set.of();
    private volatile long knownIdsExpireAt;

    GroupDirectory(IdentityService identityService) {
        this.identityService = identityService;
    }

    public boolean isSupportGroup(String groupId) {
        if (groupId == null) {
            return false;
        }
        if (System.nanoTime() - knownIdsExpireAt > 0 || !knownIds.contains(groupId)) {
            // Refresh when stale, and on a miss so that a group created a moment ago is found at once.
            knownIds = supportGroups().stream().map(SupportGroup::id).collect(Collectors.toUnmodifiableSet());
            knownIdsExpireAt = System.nanoTime() + KNOWN_IDS_TTL.toNanos();
        }
        return knownIds.contains(groupId);
    }

    public List<SupportGroup> supportGroups() {
        return identityService.createGroupQuery().groupType(GroupTypes.SUPPORT).orderByGroupId().asc().list()
                .stream().map(g -> new SupportGroup(g.getId(), g.getName())).toList();
    }

    public record SupportGroup(String id, String name) {
    }

    /** The members of a group, by user id (for "assign to" lists). */
    public List<Member> members(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
                .map(u -> new Member(u.getId(), ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
                        + (u.getLastName() == null ? "" : u.getLastName())).strip()))
                .toList();
    }

    public boolean isMember(String userId, String groupId) {
        return identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
    }

    public record Member(String id, String name) {
    }
}
