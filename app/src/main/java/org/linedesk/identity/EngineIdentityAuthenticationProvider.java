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
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks passwords against the engine's identity tables, so that the users and groups an agent
 * logs in with are exactly the candidate users and groups of the engine's user tasks.
 */
@Component
class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final RecentLogins recentLogins;
    private final LoginThrottle throttle;
    private final ProjectMemberships projects;

    EngineIdentityAuthenticationProvider(IdentityService identityService, RecentLogins recentLogins,
                                         LoginThrottle throttle, ProjectMemberships projects) {
        this.identityService = identityService;
        this.recentLogins = recentLogins;
        this.throttle = throttle;
        this.projects = projects;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null) {
            throw new BadCredentialsException("Bad user name or password");
        }
        String password = credentials.toString();
        // A password seen correct moments ago needs no new check (and no throttle look-up: it is right).
        Actor actor = recentLogins.find(userId, password).orElseGet(() -> {
            String address = clientAddress(authentication);
            throttle.blockedFor(userId, address).ifPresent(wait -> {
                throw new LoginThrottledException(wait);
            });
            if (!identityService.checkPassword(userId, password)) {
                throttle.failed(userId, address);
                throw new BadCredentialsException("Bad user name or password");
            }
            throttle.succeeded(userId, address);
            Actor checked = actorOf(userId);
            recentLogins.remember(userId, password, checked);
            return checked;
        });
        return UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities(actor));
    }

    private static String clientAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
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
        return new Actor(userId, displayName, supportGroups, roles, projects.projectsOf(userId, supportGroups));
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
