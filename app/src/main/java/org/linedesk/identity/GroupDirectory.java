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

    /**
     * The e-mail addresses of users (unknown users and users without an address are left out). Kept a
     * minute: SLA notifications look them up for every warning and breach.
     */
    public List<String> emails(java.util.Collection<String> userIds) {
        return userIds.stream().map(id -> emails.get(id, this::lookUpEmail)).filter(e -> !e.isEmpty()).distinct().toList();
    }

    /** The ids of a group's members (kept a minute, as {@link #emails}). */
    public List<String> memberIds(String groupId) {
        return members.get(groupId, g -> identityService.createUserQuery().memberOfGroup(g).list().stream()
                .map(org.camunda.bpm.engine.identity.User::getId).sorted().toList());
    }

    private String lookUpEmail(String userId) {
        org.camunda.bpm.engine.identity.User user = identityService.createUserQuery().userId(userId).singleResult();
        return user == null || user.getEmail() == null || user.getEmail().isBlank() ? "" : user.getEmail();
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, String> emails = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();
    private final com.github.benmanes.caffeine.cache.Cache<String, List<String>> members = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1_000).build();

    /** The support groups a user is a member of (kept a minute, as {@link #memberIds}). */
    public java.util.Set<String> supportGroupsOf(String userId) {
        return groupsOfUser.get(userId, u -> identityService.createGroupQuery().groupMember(u).groupType(GroupTypes.SUPPORT)
                .list().stream().map(org.camunda.bpm.engine.identity.Group::getId).collect(Collectors.toUnmodifiableSet()));
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, java.util.Set<String>> groupsOfUser =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
                    .maximumSize(10_000).build();

    public boolean userExists(String userId) {
        return identityService.createUserQuery().userId(userId).count() > 0;
    }

    /** Creates a support group unless it exists. */
    public void ensureSupportGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            org.camunda.bpm.engine.identity.Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(GroupTypes.SUPPORT);
            identityService.saveGroup(group);
            knownIdsExpireAt = System.nanoTime();
        }
    }

    public boolean isMember(String userId, String groupId) {
        return identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
    }

    public record Member(String id, String name) {
    }
}
