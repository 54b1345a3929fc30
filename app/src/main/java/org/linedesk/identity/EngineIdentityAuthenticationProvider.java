package org.linedesk.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks passwords against the engine's identity tables, so that the users and groups an agent
 * logs in with are exactly the candidate users and groups of the engine's user tasks.
 */
@Component
class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final RecentLogins recentLogins;

    EngineIdentityAuthenticationProvider(IdentityService identityService, RecentLogins recentLogins) {
        this.identityService = identityService;
        this.recentLogins = recentLogins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null) {
            throw new BadCredentialsException("Bad user name or password");
        }
        String password = credentials.toString();
        Actor actor = recentLogins.find(userId, password).orElseGet(() -> {
            if (!identityService.checkPassword(userId, password)) {
                throw new BadCredentialsException("Bad user name or password");
            }
            Actor checked = actorOf(userId);
            recentLogins.remember(userId, password, checked);
            return checked;
        });
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities(actor));
    }

    Actor actorOf(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        String displayName = user == null ? userId : displayName(user);
        Set<String> supportGroups = new HashSet<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Group group : identityService.createGroupQuery().groupMember(userId).list()) {
            if (GroupTypes.SUPPORT.equals(group.getType())) {
                supportGroups.add(group.getId());
            }
            for (Role role : Role.values()) {
                if (group.getId().equals(role.groupId())) {
                    roles.add(role);
                }
            }
        }
        if (!supportGroups.isEmpty()) {
            roles.add(Role.AGENT);
        }
        return new Actor(userId, displayName, supportGroups, roles);
    }

    private static String displayName(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getId() : name;
    }

    private static List<GrantedAuthority> authorities(Actor actor) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        actor.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
