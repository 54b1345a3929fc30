package org.linedesk.sla;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SLA definitions in force. Loaded at start-up (a bad file stops the start with file, field and
 * reason) and reloaded on request: the new files are validated completely before they replace the old.
 */
@Component
@org.springframework.context.annotation.DependsOn("projectAdministration") // the projects the files name exist then
public class SlaCatalog {

    private static final Logger log = LoggerFactory.getLogger(SlaCatalog.class);

    private final Path dir;
    private final SlaDefinitionsLoader loader = new SlaDefinitionsLoader();
    private final AtomicReference<SlaDefinitions> current = new AtomicReference<>();
    private final java.util.function.Predicate<String> projectExists;

    @org.springframework.beans.factory.annotation.Autowired
    SlaCatalog(@Value("${linedesk.sla-definitions-dir}") Path dir, org.linedesk.project.ProjectDirectory projects) {
        this(dir, key -> projects.find(key).isPresent());
    }

    SlaCatalog(Path dir, java.util.function.Predicate<String> projectExists) {
        this.dir = dir;
        this.projectExists = projectExists;
        current.set(checked(loader.load(dir)));
        log.info("SLA definitions: {} calendars, policies {}", current.get().calendars().size(),
                current.get().policies().stream().map(SlaPolicy::id).toList());
    }

    public SlaDefinitions current() {
        return current.get();
    }

    /** Validates the files again and swaps them in; on error nothing changes and the errors are thrown. */
    public SlaDefinitions reload() {
        SlaDefinitions fresh = checked(loader.load(dir));
        current.set(fresh);
        log.info("SLA definitions reloaded: policies {}", fresh.policies().stream().map(SlaPolicy::id).toList());
        return fresh;
    }

    /** Every project the files name must exist (processes/projects.yaml is applied before this is read). */
    private SlaDefinitions checked(SlaDefinitions definitions) {
        java.util.List<String> unknown = definitions.projectsNamed().stream().filter(p -> !projectExists.test(p))
                .map(p -> "sla-definitions: project: unknown project '" + p + "'").toList();
        if (!unknown.isEmpty()) {
            throw new InvalidSlaDefinitionsException(unknown);
        }
        return definitions;
    }
}
