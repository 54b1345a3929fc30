package org.linedesk.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.IdentityBootstrap;
import org.linedesk.identity.Role;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Users and groups every integration test can rely on. Password of all: {@value #PASSWORD}.
 * <ul>
 *   <li>first line: {@code fl1}, {@code fl2}; passwords: {@code pw1}; solvers: {@code sv1}; web: {@code wb1}</li>
 *   <li>{@code mgr} manager, {@code aud} auditor, {@code adm} admin, {@code po} process owner</li>
 *   <li>project games: {@code gleb} first line, {@code gina} second line ({@code games-support}), {@code greta} manager</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestFixtures implements InitializingBean {

    public static final String PASSWORD = "secret";
    public static final String GAMES_FIRST_LINE = "games-first-line";
    public static final String GAMES_SUPPORT = "games-support";

    private final IdentityBootstrap identity;

    TestFixtures(IdentityBootstrap identity) {
        this.identity = identity;
    }

    @Override
    public void afterPropertiesSet() {
        for (String group : new String[] {"passwords", "web", "solvers", "abuse", GAMES_FIRST_LINE, GAMES_SUPPORT}) {
            identity.ensureGroup(group, group, GroupTypes.SUPPORT);
        }
        user("fl1", GroupTypes.FIRST_LINE);
        user("fl2", GroupTypes.FIRST_LINE);
        user("pw1", "passwords");
        user("sv1", "solvers");
        user("wb1", "web");
        // only for failed-login tests (LineDesk throttles an account after failed logins)
        user("lk1", "web");
        user("lk2", "web");
        user("lk3", "web");
        user("lk4", "web");
        user("mgr", Role.MANAGER.groupId());
        user("aud", Role.AUDITOR.groupId());
        user("adm", Role.ADMIN.groupId());
        user("po", Role.PROCESS_OWNER.groupId());
        // project games (processes/projects.yaml places its groups, and greta as a member, there)
        user("gleb", GAMES_FIRST_LINE);
        user("gina", GAMES_SUPPORT);
        user("greta", Role.MANAGER.groupId());
        user("gaud", Role.AUDITOR.groupId()); // made a member of games by the test that needs a games auditor
    }

    private void user(String id, String group) {
        identity.ensureUser(id, id, "Tester", id + "@test.example", PASSWORD);
        identity.ensureMembership(id, group);
    }

    /**
     * In tests the application's clock is the engine's clock, so that moving the engine clock
     * (to fire timers) also moves the time the SLA clocks and tickets see.
     */
    @Bean
    @Primary
    static Clock engineClock() { // static: the engine's own start-up may need the clock before this class exists
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return ClockUtil.getCurrentTime().toInstant();
            }
        };
    }

    /** Reachable from engine expressions; counts how often one called it. */
    @Bean
    static ExpressionCanary expressionCanary() {
        return new ExpressionCanary();
    }

    public static Actor agent(String userId, String... groups) {
        return new Actor(userId, userId + " Tester", Set.of(groups), Set.of(Role.AGENT));
    }

    public static Actor manager() {
        return new Actor("mgr", "mgr Tester", Set.of(), Set.of(Role.MANAGER));
    }

    public static NewTicket newTicket(String subject) {
        return new NewTicket(subject, "Details of: " + subject, new Requester("Ivan Petrov", "ivan@example.com"),
                Channel.EMAIL, Level.MEDIUM, Level.HIGH, null, null);
    }
}
