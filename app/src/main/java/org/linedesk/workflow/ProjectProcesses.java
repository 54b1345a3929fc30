package org.linedesk.workflow;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * Which projects run an incident process of their own (deployed with the project's key as the engine's
 * tenant id); the others run the shared one. Asked for every new ticket: the answer is kept a few
 * seconds (another node's deployment arrives within {@link #MAX_AGE}) and dropped at once after a
 * deployment on this node.
 */
@Component
class ProjectProcesses {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final RepositoryService repository;
    private volatile Set<String> withOwn;
    private volatile long readAt;

    ProjectProcesses(RepositoryService repository) {
        this.repository = repository;
    }

    boolean hasOwnIncidentProcess(String project) {
        Set<String> projects = withOwn;
        if (projects == null || System.nanoTime() - readAt > MAX_AGE.toNanos()) {
            projects = repository.createProcessDefinitionQuery().processDefinitionKey(IncidentProcess.PROCESS_KEY)
                    .latestVersion().list().stream().map(ProcessDefinition::getTenantId)
                    .filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet());
            withOwn = projects;
            readAt = System.nanoTime();
        }
        return projects.contains(project);
    }

    /** A process was deployed here: read again at the next ticket. */
    void changed() {
        withOwn = null;
    }
}
