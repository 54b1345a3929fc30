package org.linedesk.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linedesk.project.InvalidProjectsException;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/** A mailbox belongs to one project: start-up refuses mailboxes that name no project or share an address. */
@IntegrationTest
class MailboxProjectsTest {

    @Autowired
    ProjectDirectory projects;

    static InboundSettings.Mailbox mailbox(String name, String address, String queue, String project) {
        return new InboundSettings.Mailbox(name, "imap", "127.0.0.1", 143, name, "secret", "INBOX", address, queue,
                false, true, project);
    }

    static InboundSettings settings(InboundSettings.Mailbox... mailboxes) {
        return new InboundSettings(List.of(mailboxes), Duration.ofSeconds(10), DataSize.ofMegabytes(10), 20,
                Duration.ofHours(1), 500, 2);
    }

    @Test
    void theTestMailboxesPassAndABadSetIsRefusedWithEveryReason() {
        new MailboxProjects(settings(mailbox("support", "support@x.test", null, "default"),
                mailbox("games", "games@x.test", null, "games")), projects).afterPropertiesSet();

        assertThatThrownBy(() -> new MailboxProjects(settings(
                mailbox("support", "help@x.test", null, "default"),
                mailbox("games", "HELP@x.test", null, "games"),
                mailbox("lost", "lost@x.test", null, "atlantis"),
                mailbox("mixed", "mixed@x.test", "games-support", "default")), projects).afterPropertiesSet())
                .isInstanceOfSatisfying(InvalidProjectsException.class, e -> assertThat(e.errors()).containsExactly(
                        "linedesk.mail.inbound.mailboxes[games].address: 'HELP@x.test' is already the address of a "
                                + "mailbox of project 'default'; an address belongs to one project",
                        "linedesk.mail.inbound.mailboxes[lost].project: unknown project 'atlantis'",
                        "linedesk.mail.inbound.mailboxes[mixed].queue: group 'games-support' belongs to project 'games',"
                                + " not to 'default'"));
    }
}
