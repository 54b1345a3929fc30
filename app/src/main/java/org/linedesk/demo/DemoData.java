package org.linedesk.demo;

import java.util.List;
import java.util.Set;

import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupTypes;
import org.linedesk.identity.IdentityBootstrap;
import org.linedesk.identity.Role;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.ticket.TicketService.ActionInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo users, the groups of the source desks and a few tickets — only with the {@code demo}
 * profile. Idempotent: a restart adds nothing twice. All demo passwords are {@value #PASSWORD}.
 */
@Component
@Profile("demo")
class DemoData {

    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final IdentityBootstrap identity;
    private final TicketService tickets;

    DemoData(IdentityBootstrap identity, TicketService tickets) {
        this.identity = identity;
        this.tickets = tickets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        identity.ensureGroup("passwords", "Passwords / account access", GroupTypes.SUPPORT);
        identity.ensureGroup("web", "Web & mail clients", GroupTypes.SUPPORT);
        identity.ensureGroup("solvers", "Solvers (hard cases)", GroupTypes.SUPPORT);
        identity.ensureGroup("abuse", "Abuse", GroupTypes.SUPPORT);
        // the second project, games (processes/projects.yaml places these groups and greta in it)
        identity.ensureGroup("games-first-line", "Games first line", GroupTypes.SUPPORT);
        identity.ensureGroup("games-support", "Games second line", GroupTypes.SUPPORT);

        user("anna", "Anna", "First-line", GroupTypes.FIRST_LINE);
        user("fedor", "Fedor", "First-line", GroupTypes.FIRST_LINE);
        user("boris", "Boris", "Passwords", "passwords");
        user("wendy", "Wendy", "Web", "web");
        user("sergei", "Sergei", "Solvers", "solvers");
        user("abel", "Abel", "Abuse", "abuse");
        user("maria", "Maria", "Manager", Role.MANAGER.groupId());
        user("pavel", "Pavel", "Process owner", Role.PROCESS_OWNER.groupId());
        user("audrey", "Audrey", "Auditor", Role.AUDITOR.groupId());
        user("admin", "Admin", "", Role.ADMIN.groupId());
        user("gleb", "Gleb", "Games first line", "games-first-line");
        user("gina", "Gina", "Games second line", "games-support");
        user("greta", "Greta", "Games manager", Role.MANAGER.groupId());

        if (!tickets.anyTickets()) {
            createDemoTickets();
            createGamesTickets();
        }
    }

    private void user(String id, String first, String last, String group) {
        identity.ensureUser(id, first, last, id + "@linedesk.example", PASSWORD);
        identity.ensureMembership(id, group);
    }

    private void createDemoTickets() {
        Actor anna = new Actor("anna", "Anna First-line", Set.of(GroupTypes.FIRST_LINE), Set.of(Role.AGENT));
        List<Ticket> opened = List.of(
                open("Cannot log in to my mailbox", "Since this morning my password is not accepted.", "ivan@example.com", Channel.EMAIL, Level.MEDIUM, Level.HIGH),
                open("Письмо не отправляется", "При отправке письма появляется ошибка 550.", "olga@example.ru", Channel.EMAIL, Level.MEDIUM, Level.MEDIUM),
                open("Document flow stopped for the whole company", "Nobody can sign documents since 9:00.", "cfo@example.com", Channel.PHONE, Level.HIGH, Level.HIGH),
                open("Buy cheap watches", "Best prices!!!", "spam@example.net", Channel.WEB, Level.LOW, Level.LOW),
                open("How do I change my signature?", "Where is the signature setting?", "petr@example.com", Channel.WEB, Level.LOW, Level.MEDIUM));
        tickets.perform(opened.get(0).getNumber(), "hand-over",
                new ActionInput(null, "passwords", "password reset needs account checks", null), anna);
        tickets.perform(opened.get(3).getNumber(), "close-spam", new ActionInput(null, null, null, null), anna);
        tickets.perform(opened.get(4).getNumber(), "resolve", new ActionInput(
                "Settings → Signature. Reply to this message if it does not help.", null, null, null), anna);
        log.info("Demo data: {} tickets created; demo users log in with password '{}'", opened.size(), PASSWORD);
    }

    private void createGamesTickets() {
        Actor gleb = new Actor("gleb", "Gleb Games first line", Set.of("games-first-line"), Set.of(Role.AGENT),
                Set.of("games"));
        List<Ticket> opened = List.of(
                open("games", "Лаг на сервере EU-3", "С вечера пинг 300+ мс, играть невозможно.", "vasya@example.ru", Channel.WEB, Level.MEDIUM, Level.HIGH),
                open("games", "Purchase did not arrive", "I bought 500 gems an hour ago and got nothing.", "kim@example.com", Channel.EMAIL, Level.MEDIUM, Level.MEDIUM),
                open("games", "Account banned by mistake?", "My account was banned yesterday, I did not cheat.", "lee@example.com", Channel.WEB, Level.LOW, Level.MEDIUM));
        tickets.perform(opened.get(1).getNumber(), "hand-over",
                new ActionInput(null, "games-support", "payment needs a check in billing", null), gleb);
        log.info("Demo data: {} tickets of project 'games' created (gleb, gina, greta)", opened.size());
    }

    private Ticket open(String subject, String body, String email, Channel channel, Level impact, Level urgency) {
        return open(null, subject, body, email, channel, impact, urgency);
    }

    private Ticket open(String project, String subject, String body, String email, Channel channel, Level impact,
                        Level urgency) {
        return tickets.open(new NewTicket(subject, org.linedesk.ticket.MessageContent.text(body), new Requester(null, email),
                channel, impact, urgency, null, null, org.linedesk.ticket.Classification.NONE, project), "demo");
    }
}
