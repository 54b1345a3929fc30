package org.linedesk.channel.email;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.linedesk.project.InvalidProjectsException;
import org.linedesk.project.ProjectDirectory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Checks at start-up that every mailbox names a project that exists and that no desk address serves
 * two projects (a customer's mail must land in one desk). After processes/projects.yaml is applied.
 */
@Component
@DependsOn("projectAdministration")
class MailboxProjects implements InitializingBean {

    private static final String WHERE = "linedesk.mail.inbound.mailboxes";

    private final InboundSettings settings;
    private final ProjectDirectory projects;

    MailboxProjects(InboundSettings settings, ProjectDirectory projects) {
        this.settings = settings;
        this.projects = projects;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> errors = new ArrayList<>();
        Map<String, String> projectOfAddress = new HashMap<>();
        for (InboundSettings.Mailbox m : settings.mailboxes()) {
            String where = WHERE + "[" + m.name() + "]";
            if (projects.find(m.project()).isEmpty()) {
                errors.add(where + ".project: unknown project '" + m.project() + "'");
            }
            if (m.address() != null) {
                String address = m.address().toLowerCase(Locale.ROOT);
                String other = projectOfAddress.putIfAbsent(address, m.project());
                if (other != null && !other.equals(m.project())) {
                    errors.add(where + ".address: '" + m.address() + "' is already the address of a mailbox of project '"
                            + other + "'; an address belongs to one project");
                }
            }
            if (m.queue() != null && !projects.projectOfGroup(m.queue()).equals(m.project())) {
                errors.add(where + ".queue: group '" + m.queue() + "' belongs to project '"
                        + projects.projectOfGroup(m.queue()) + "', not to '" + m.project() + "'");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProjectsException(errors);
        }
    }
}
