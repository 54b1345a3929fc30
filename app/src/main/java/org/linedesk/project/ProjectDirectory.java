package org.linedesk.project;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.linedesk.core.NotFoundException;
import org.linedesk.identity.ProjectMemberships;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The projects, which group belongs to which, who is a member and which hand-overs between projects
 * are allowed. Read on every request, changed rarely: a snapshot is kept and read again a few seconds
 * after it was taken (so another node's change arrives within {@link #MAX_AGE}) and at once after a
 * change on this node.
 */
@Component
public class ProjectDirectory implements ProjectMemberships {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private volatile Snapshot snapshot;

    ProjectDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Project> all() {
        return List.copyOf(current().projects().values());
    }

    public Optional<Project> find(String key) {
        return Optional.ofNullable(key == null ? null : current().projects().get(key));
    }

    /** The project, or 404 naming the key. */
    public Project require(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No project '" + key + "'"));
    }

    /** A project the actor belongs to; any other is as absent as one that does not exist (404 naming the key). */
    public Project requireVisible(String key, org.linedesk.identity.Actor actor) {
        return find(key).filter(p -> actor.seesProject(p.key()))
                .orElseThrow(() -> new NotFoundException("No project '" + key + "'"));
    }

    public Project defaultProject() {
        return require(Project.DEFAULT);
    }

    /** The project a support group belongs to; a group nobody placed belongs to {@code default}. */
    public String projectOfGroup(String groupId) {
        return current().groupProject().getOrDefault(groupId, Project.DEFAULT);
    }

    /** The groups placed in a project (the default project also holds every group nobody placed). */
    public Set<String> groupsPlacedIn(String project) {
        Set<String> groups = new TreeSet<>();
        current().groupProject().forEach((g, p) -> {
            if (p.equals(project)) {
                groups.add(g);
            }
        });
        return groups;
    }

    /** True when the group is some project's first line (its tickets go to triage). */
    public boolean isFirstLine(String groupId) {
        return current().firstLines().contains(groupId);
    }

    public Set<String> firstLines() {
        return current().firstLines();
    }

    public Set<String> membersOf(String project) {
        return current().members().getOrDefault(project, Set.of());
    }

    public boolean handOverAllowed(String from, String to) {
        return from.equals(to) || current().handOvers().contains(new HandOver(from, to));
    }

    public Set<HandOver> handOvers() {
        return current().handOvers();
    }

    /** Agents of {@code from} may hand tickets over to groups of {@code to}. */
    public record HandOver(String from, String to) {
    }

    /**
     * A project the reader belongs to, as a process studio's request names it ({@code project} blank: the
     * shared processes, null); 404 naming any other.
     */
    public String visibleOrShared(String project, org.linedesk.identity.Actor reader) {
        return project == null || project.isBlank() ? null : requireVisible(project, reader).key();
    }

    /**
     * Whether the actor may change what every project runs unless it has its own (the shared processes
     * and their tickets' versions): the default project's people and administrators.
     */
    public boolean changesSharedProcesses(org.linedesk.identity.Actor actor) {
        return actor.seesProject(Project.DEFAULT);
    }

    /**
     * A user's projects: those of their support groups and those they were added to as members. A user
     * in neither (an installation with one desk, a newly created manager) belongs to the default project.
     */
    @Override
    public Set<String> projectsOf(String userId, Set<String> supportGroups) {
        Snapshot s = current();
        Set<String> projects = new HashSet<>();
        supportGroups.forEach(g -> projects.add(s.groupProject().getOrDefault(g, Project.DEFAULT)));
        s.members().forEach((project, users) -> {
            if (users.contains(userId)) {
                projects.add(project);
            }
        });
        return projects.isEmpty() ? Set.of(Project.DEFAULT) : projects;
    }

    /**
     * Forgets the snapshot after a change made here: at once, and again when the change's transaction has
     * ended, so that a snapshot read meanwhile (before the commit, or of a change rolled back) is not kept.
     */
    void changed() {
        snapshot = null;
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            snapshot = null;
                        }
                    });
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.takenAt() > MAX_AGE.toNanos()) {
            s = read();
            snapshot = s;
        }
        return s;
    }

    private Snapshot read() {
        Map<String, Project> projects = new LinkedHashMap<>();
        jdbc.sql("select key, name, ticket_prefix, time_zone, language, first_line from project order by key <> 'default', key")
                .query((rs, n) -> new Project(rs.getString(1), rs.getString(2), rs.getString(3),
                        ZoneId.of(rs.getString(4)), rs.getString(5), rs.getString(6)))
                .list().forEach(p -> projects.put(p.key(), p));
        Map<String, String> groups = new HashMap<>();
        jdbc.sql("select group_id, project from project_group").query((rs, n) -> groups.put(rs.getString(1), rs.getString(2)))
                .list();
        Map<String, Set<String>> members = new HashMap<>();
        jdbc.sql("select project, user_id from project_member")
                .query((rs, n) -> members.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)))
                .list();
        Set<HandOver> handOvers = new HashSet<>(jdbc.sql("select from_project, to_project from project_handover")
                .query((rs, n) -> new HandOver(rs.getString(1), rs.getString(2))).list());
        Set<String> firstLines = new HashSet<>();
        projects.values().forEach(p -> firstLines.add(p.firstLine()));
        return new Snapshot(java.util.Collections.unmodifiableMap(projects),
                Map.copyOf(groups), copyOfSets(members), Set.copyOf(handOvers), Set.copyOf(firstLines), System.nanoTime());
    }

    private static Map<String, Set<String>> copyOfSets(Map<String, ? extends Collection<String>> map) {
        Map<String, Set<String>> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        return Map.copyOf(copy);
    }

    private record Snapshot(Map<String, Project> projects, Map<String, String> groupProject,
                            Map<String, Set<String>> members, Set<HandOver> handOvers, Set<String> firstLines,
                            long takenAt) {
    }
}
