package org.linedesk.project;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.linedesk.core.ConflictException;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.NotFoundException;
import org.linedesk.identity.GroupDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates projects and places groups and people in them: from processes/projects.yaml at start-up and
 * on reload (the file is applied whole or not at all), and from the admin API and console. The file
 * adds and updates what it names; what was added otherwise stays (docs/projects.md).
 */
@Service
@Transactional
public class ProjectAdministration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectAdministration.class);
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{1,7}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final JdbcClient jdbc;
    private final ProjectDirectory directory;
    private final GroupDirectory groups;
    private final Path processesDir;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate inTransaction;

    ProjectAdministration(JdbcClient jdbc, ProjectDirectory directory, GroupDirectory groups,
                          @Value("${linedesk.processes-dir}") Path processesDir, Clock clock,
                          org.springframework.transaction.PlatformTransactionManager transactions) {
        this.inTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.directory = directory;
        this.groups = groups;
        this.processesDir = processesDir;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        // Called on the bean itself, not through its transactional proxy: open the transaction here.
        List<String> applied = inTransaction.execute(tx -> apply(ProjectsFile.load(processesDir), "file"));
        log.info("Projects: {}", applied);
    }

    /** Reads processes/projects.yaml again and applies it; a file with errors changes nothing. */
    public List<String> reload(String actor) {
        return apply(ProjectsFile.load(processesDir), actor);
    }

    List<String> apply(ProjectsFile file, String actor) {
        List<String> errors = new ArrayList<>();
        List<String> known = new ArrayList<>(directory.all().stream().map(Project::key).toList());
        file.projects().forEach(p -> known.add(p.key()));
        for (ProjectsFile.HandOver h : file.handOvers()) {
            for (String key : List.of(h.from(), h.to())) {
                if (!known.contains(key)) {
                    errors.add(ProjectsFile.FILE + ": handOvers: unknown project '" + key + "'");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProjectsException(errors);
        }
        Project fallback = directory.defaultProject();
        for (ProjectsFile.Entry p : file.projects()) {
            Project existing = directory.find(p.key()).orElse(null);
            Project base = existing != null ? existing : fallback;
            Project wanted = new Project(p.key(), p.name(),
                    p.ticketPrefix() != null ? p.ticketPrefix() : base.ticketPrefix(),
                    p.timeZone() != null ? p.timeZone() : base.timeZone(),
                    p.language() != null ? p.language() : base.language(),
                    p.firstLine() != null ? p.firstLine() : existing != null ? existing.firstLine() : p.key() + "-first-line");
            save(wanted, actor);
            if (!wanted.isDefault()) { // the default project's first line is identity's (IdentityBootstrap)
                groups.ensureSupportGroup(wanted.firstLine(), wanted.name() + " first line");
            }
            place(wanted.firstLine(), wanted.key());
            p.groups().forEach(g -> place(g, p.key()));
            p.members().forEach(u -> addMemberRow(p.key(), u));
        }
        file.handOvers().forEach(h -> allowRow(h.from(), h.to(), actor));
        directory.changed();
        List<String> unknownGroups = file.projects().stream().flatMap(p -> p.groups().stream())
                .filter(g -> !groups.isSupportGroup(g)).sorted().toList();
        if (!unknownGroups.isEmpty()) {
            log.warn("{} names groups that do not exist (yet): {}; they take effect once created", ProjectsFile.FILE, unknownGroups);
        }
        return file.projects().stream().map(ProjectsFile.Entry::key).toList();
    }

    /** A new project (admin API, console). Its first line is created as a support group when missing. */
    public Project create(NewProject request, String actor) {
        List<org.linedesk.core.FieldError> errors = new ArrayList<>();
        check(errors, "key", request.key(), KEY, "must be lower-case letters, digits and '-' (up to 32), starting with a letter");
        check(errors, "name", request.name(), Pattern.compile("(?s).{1,200}"), "is required (up to 200 characters)");
        if (request.ticketPrefix() != null) {
            check(errors, "ticketPrefix", request.ticketPrefix(), PREFIX, "must be 2-8 capital letters or digits, starting with a letter");
        }
        if (request.language() != null) {
            check(errors, "language", request.language(), LANGUAGE, "must be a language code such as en or ru");
        }
        if (request.firstLine() != null) {
            check(errors, "firstLine", request.firstLine(), GROUP, "is not a group id");
        }
        ZoneId zone = null;
        if (request.timeZone() != null) {
            try {
                zone = ZoneId.of(request.timeZone());
            } catch (java.time.DateTimeException e) {
                errors.add(new org.linedesk.core.FieldError("timeZone", "'" + request.timeZone() + "' is not a time zone (e.g. Europe/Moscow)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (directory.find(request.key()).isPresent()) {
            throw new ConflictException("key", "a project '" + request.key() + "' exists already");
        }
        Project fallback = directory.defaultProject();
        String firstLine = request.firstLine() != null ? request.firstLine() : request.key() + "-first-line";
        if (groups.isSupportGroup(firstLine) && !directory.projectOfGroup(firstLine).equals(Project.DEFAULT)
                || directory.isFirstLine(firstLine)) {
            throw new ConflictException("firstLine", "group '" + firstLine + "' belongs to project '"
                    + directory.projectOfGroup(firstLine) + "'");
        }
        Project project = new Project(request.key(), request.name().strip(),
                request.ticketPrefix() != null ? request.ticketPrefix() : fallback.ticketPrefix(),
                zone != null ? zone : fallback.timeZone(),
                request.language() != null ? request.language() : fallback.language(), firstLine);
        save(project, actor);
        groups.ensureSupportGroup(firstLine, project.name() + " first line");
        place(firstLine, project.key());
        directory.changed();
        return project;
    }

    /** Places an existing support group in a project (moving it from where it was). */
    public void addGroup(String project, String groupId, String actor) {
        directory.require(project);
        if (groupId == null || groupId.isBlank()) {
            throw new InvalidInputException("group", "is required");
        }
        if (!groups.isSupportGroup(groupId)) {
            throw new NotFoundException("No support group '" + groupId + "'");
        }
        String now = directory.projectOfGroup(groupId);
        if (!now.equals(project) && directory.require(now).firstLine().equals(groupId)) {
            throw new ConflictException("group", "'" + groupId + "' is the first line of project '" + now
                    + "' and cannot move");
        }
        place(groupId, project);
        directory.changed();
    }

    /** Adds a person to a project without a group of it (managers, auditors, process owners). */
    public void addMember(String project, String userId, String actor) {
        directory.require(project);
        if (userId == null || userId.isBlank()) {
            throw new InvalidInputException("user", "is required");
        }
        if (!groups.userExists(userId)) {
            throw new NotFoundException("No user '" + userId + "'");
        }
        addMemberRow(project, userId);
        directory.changed();
    }

    public void removeMember(String project, String userId, String actor) {
        directory.require(project);
        int removed = jdbc.sql("delete from project_member where project = ? and user_id = ?").params(project, userId).update();
        if (removed == 0) {
            throw new NotFoundException("'" + userId + "' is not a member of project '" + project + "'");
        }
        directory.changed();
    }

    /** Lets agents of {@code from} hand tickets over to groups of {@code to}. */
    public void allowHandOver(String from, String to, String actor) {
        for (String[] field : new String[][] {{"from", from}, {"to", to}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new InvalidInputException(field[0], "is required: a project key");
            }
        }
        directory.require(from);
        directory.require(to);
        if (from.equals(to)) {
            throw new InvalidInputException("to", "hand-overs inside a project are always allowed");
        }
        allowRow(from, to, actor);
        directory.changed();
    }

    private void save(Project p, String actor) {
        jdbc.sql("""
                insert into project (key, name, ticket_prefix, time_zone, language, first_line, created_at, created_by)
                values (:key, :name, :prefix, :zone, :language, :firstLine, :now, :actor)
                on conflict (key) do update set name = excluded.name, ticket_prefix = excluded.ticket_prefix,
                    time_zone = excluded.time_zone, language = excluded.language, first_line = excluded.first_line""")
                .param("key", p.key()).param("name", p.name()).param("prefix", p.ticketPrefix())
                .param("zone", p.timeZone().getId()).param("language", p.language()).param("firstLine", p.firstLine())
                .param("now", java.sql.Timestamp.from(clock.instant())).param("actor", actor).update();
    }

    private void place(String groupId, String project) {
        jdbc.sql("insert into project_group (group_id, project) values (?, ?) on conflict (group_id) do update set project = excluded.project")
                .params(groupId, project).update();
    }

    private void addMemberRow(String project, String userId) {
        jdbc.sql("insert into project_member (project, user_id) values (?, ?) on conflict do nothing").params(project, userId).update();
    }

    private void allowRow(String from, String to, String actor) {
        jdbc.sql("insert into project_handover (from_project, to_project, allowed_by, allowed_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(from, to, actor, java.sql.Timestamp.from(clock.instant())).update();
    }

    private static void check(List<org.linedesk.core.FieldError> errors, String field, String value, Pattern pattern, String reason) {
        if (value == null || !pattern.matcher(value).matches()) {
            errors.add(new org.linedesk.core.FieldError(field, reason));
        }
    }

    /** What the admin API and console send to create a project; null settings take the default project's. */
    public record NewProject(String key, String name, String ticketPrefix, String timeZone, String language, String firstLine) {
    }
}
