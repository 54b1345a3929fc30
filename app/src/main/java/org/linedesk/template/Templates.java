package org.linedesk.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import org.linedesk.core.ConflictException;
import org.linedesk.core.FieldError;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.NotFoundException;
import org.linedesk.identity.Actor;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.sla.SlaClocks;
import org.linedesk.ticket.ReplyTemplates;
import org.linedesk.ticket.Ticket;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Response templates: Mustache text with the variables {@link #VARIABLES}, one row per name and
 * language. A template is checked when saved (it must compile and use only known variables), so a
 * reply never fails on a template's typo.
 */
@Service
@Transactional
public class Templates implements ReplyTemplates {

    /** The variables a template may use, with the sample values a saved template is tried on. */
    static final Map<String, Object> SAMPLE = Map.of(
            "customer", Map.of("name", "Ivan Petrov", "email", "ivan@example.com"),
            "ticket", Map.of("number", "INC-0000123", "subject", "Cannot log in"),
            "agent", Map.of("name", "Anna"),
            "deadline", "14:30 today, Moscow Time",
            "rating", Map.of("link", "https://support.example.com/rate/INC-0000123/token", "until", "31 January 2027",
                    "scores", List.of(Map.of("score", 5, "link", "https://support.example.com/rate/INC-0000123/token?quality=5"))));
    /** {@code rating.*} has values only in the rating invitation under an answer (empty elsewhere). */
    static final List<String> VARIABLES = List.of("customer.name", "customer.email", "ticket.number",
            "ticket.subject", "agent.name", "deadline", "rating.link", "rating.until", "rating.scores[].score",
            "rating.scores[].link");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    // Checking: every variable must exist. Rendering: a missing value (no agent, no deadline) is empty.
    private static final Mustache.Compiler STRICT = Mustache.compiler().escapeHTML(false).strictSections(true);
    private static final Mustache.Compiler LENIENT = Mustache.compiler().escapeHTML(false).defaultValue("")
            .emptyStringIsFalse(true);

    private final JdbcClient jdbc;
    private final SlaClocks sla;
    private final Clock clock;
    private final String defaultLanguage;
    private final ProjectDirectory projects;
    private final com.github.benmanes.caffeine.cache.Cache<String, Template> compiledCache =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1000).build();
    private final java.util.concurrent.ConcurrentMap<String, Template> compiledTexts = compiledCache.asMap();

    Templates(JdbcClient jdbc, SlaClocks sla, Clock clock,
              @Value("${linedesk.templates.default-language:en}") String defaultLanguage, ProjectDirectory projects) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.sla = sla;
        this.clock = clock;
        this.defaultLanguage = defaultLanguage;
    }

    /**
     * The templates of {@code project} (null: of every project the actor may see), with the shared ones
     * (project null: the automatic mails every project starts with) that the project has not replaced.
     */
    @Transactional(readOnly = true)
    public List<ResponseTemplate> list(String project, Actor actor) {
        if (project != null) {
            projects.requireVisible(project, actor);
        }
        return jdbc.sql("""
                select * from response_template
                 where (project is null or (cast(:project as varchar) is null and (:all or project in (:mine)))
                        or project = cast(:project as varchar))
                 order by name, language, project nulls first""")
                .param("project", project).param("all", actor.seesAllProjects()).param("mine", mine(actor))
                .query(ResponseTemplate.class).list();
    }

    @Transactional(readOnly = true)
    public List<ResponseTemplate> get(String name, String project, Actor actor) {
        List<ResponseTemplate> all = list(project, actor).stream().filter(t -> t.name().equals(name)).toList();
        if (all.isEmpty()) {
            throw new NotFoundException("No template '" + name + "'");
        }
        return all;
    }

    /**
     * The project an edit goes to: the one asked for (one of the actor's), else the actor's only project;
     * an administrator who names none edits the shared templates.
     */
    public String projectToEdit(String project, Actor actor) {
        if (project != null && !project.isBlank()) {
            return projects.requireVisible(project, actor).key();
        }
        if (actor.seesAllProjects()) {
            return null;
        }
        if (actor.projects().size() == 1) {
            return actor.projects().iterator().next();
        }
        throw new InvalidInputException("project", "is required: you work in several projects " + actor.projects());
    }

    private static java.util.Collection<String> mine(Actor actor) {
        return actor.projects().isEmpty() ? List.of("") : actor.projects();
    }

    /** Creates or replaces one language of a template; {@code version} guards against overwriting someone's edit. */
    public ResponseTemplate save(String project, String name, String language, String title, String subject, String body,
                                 Long version, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "use lower-case letters, digits and '-' (at most 64)"));
        }
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            errors.add(new FieldError("language", "is a language tag such as 'en' or 'ru'"));
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            errors.add(new FieldError("title", "is required (at most 200 characters)"));
        }
        if (subject != null && subject.length() > 500) {
            errors.add(new FieldError("subject", "is at most 500 characters"));
        }
        if (body == null || body.isBlank() || body.length() > 20_000) {
            errors.add(new FieldError("body", "is required (at most 20000 characters)"));
        } else {
            check("body", body, errors);
        }
        if (subject != null && !subject.isBlank()) {
            check("subject", subject, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Optional<ResponseTemplate> existing = find(project, name, language);
        if (existing.isPresent()) {
            if (version != null && version != existing.get().version()) {
                throw new ConflictException("version", "is " + version + " but the template is now at version "
                        + existing.get().version() + "; someone else changed it meanwhile");
            }
            jdbc.sql("""
                    update response_template set title = ?, subject = ?, body = ?, updated_at = ?, updated_by = ?,
                           version = version + 1 where project is not distinct from ? and name = ? and language = ?""")
                    .params(title, blankToNull(subject), body, java.sql.Timestamp.from(clock.instant()), actor, project,
                            name, language)
                    .update();
        } else {
            jdbc.sql("""
                    insert into response_template (project, name, language, title, subject, body, system, updated_at,
                                                   updated_by)
                    values (?, ?, ?, ?, ?, ?, false, ?, ?)""")
                    .params(project, name, language, title, blankToNull(subject), body,
                            java.sql.Timestamp.from(clock.instant()), actor)
                    .update();
        }
        return find(project, name, language).orElseThrow();
    }

    /** Deletes a project's template (a replaced shared one serves again); shared system templates stay. */
    public void delete(String project, String name, String language) {
        if (project != null && find(project, name, language).isEmpty() && find(null, name, language).isPresent()) {
            throw new ConflictException("Template '" + name + "' is shared by every project and cannot be deleted "
                    + "here; save one of the same name to replace it in project '" + project + "'");
        }
        ResponseTemplate t = find(project, name, language)
                .orElseThrow(() -> new NotFoundException("No template '" + name + "' in language '" + language + "'"));
        if (t.system()) {
            throw new ConflictException("Template '" + name + "' is used by LineDesk itself; edit it instead of deleting it");
        }
        jdbc.sql("delete from response_template where project is not distinct from ? and name = ? and language = ?")
                .params(project, name, language).update();
    }

    /**
     * Renders template {@code name} for a ticket: the customer's language if the template has it, else
     * the default language, else any. The deadline is what the SLA promises now (empty when nothing runs).
     */
    @Transactional(readOnly = true)
    public Optional<Rendered> render(String name, Ticket ticket, String agentName) {
        return render(name, ticket, agentName, Map.of());
    }

    /** As {@link #render(String, Ticket, String)} with more values (e.g. {@code rating}) than a reply has. */
    @Transactional(readOnly = true)
    public Optional<Rendered> render(String name, Ticket ticket, String agentName, Map<String, Object> more) {
        String wanted = ticket.getRequester().language();
        List<ResponseTemplate> variants = ofProject(ticket.getProject()).stream().filter(t -> t.name().equals(name)).toList();
        Optional<ResponseTemplate> chosen = variants.stream().filter(t -> t.language().equals(wanted)).findFirst()
                .or(() -> variants.stream().filter(t -> t.language().equals(defaultLanguage)).findFirst())
                .or(() -> variants.stream().findFirst());
        return chosen.map(t -> {
            String deadline = deadline(ticket, t.language());
            Map<String, Object> values = values(ticket, agentName, deadline);
            values.putAll(more);
            String subject = t.subject() == null ? null : compiled(t.subject()).execute(values);
            return new Rendered(subject, compiled(t.body()).execute(values), t.language(), deadline.isEmpty() ? null : deadline);
        });
    }

    /** Compiled templates by their text (an edit is a new text; the acknowledgement is rendered for every ticket). */
    private Template compiled(String text) {
        return compiledTexts.computeIfAbsent(text, LENIENT::compile);
    }

    @Override
    public String replyText(String name, Ticket ticket, String agentName) {
        return render(name, ticket, agentName).map(Rendered::body).orElseThrow(() -> new InvalidInputException(
                "template", "no template '" + name + "'; known: " + String.join(", ", names(ticket.getProject()))));
    }

    /** A rendered template; {@code language} is the one chosen, {@code deadline} the promise it quoted (or null). */
    public record Rendered(String subject, String body, String language, String deadline) {
    }

    /** What the SLA promises the customer now, in their words ("11:00 today, Moscow Time"); empty when nothing runs. */
    @Transactional(readOnly = true)
    public String deadline(Ticket ticket, String language) {
        return sla.promisedDeadline(ticket.getId())
                .map(d -> DeadlineText.format(d.dueAt(), d.zone(), language, clock.instant())).orElse("");
    }

    private Map<String, Object> values(Ticket ticket, String agentName, String deadline) {
        Map<String, Object> values = new LinkedHashMap<>();
        String customerName = ticket.getRequester().name();
        values.put("customer", Map.of("name", customerName == null || customerName.isBlank()
                ? ticket.getRequester().email() : customerName, "email", ticket.getRequester().email()));
        values.put("ticket", Map.of("number", ticket.getNumber(), "subject", ticket.getSubject()));
        values.put("agent", Map.of("name", agentName == null ? "" : agentName));
        values.put("deadline", deadline);
        return values;
    }

    /** The name of every template a ticket of the project may use (each may exist in several languages). */
    public List<String> names(String project) {
        return ofProject(project).stream().map(ResponseTemplate::name).distinct().sorted().toList();
    }

    /** The project's templates and the shared ones it has not replaced (same name and language). */
    private List<ResponseTemplate> ofProject(String project) {
        List<ResponseTemplate> rows = jdbc.sql("select * from response_template where project is null or project = ?")
                .param(project).query(ResponseTemplate.class).list();
        java.util.Set<String> own = new java.util.HashSet<>();
        rows.stream().filter(t -> t.project() != null).forEach(t -> own.add(t.name() + "/" + t.language()));
        return rows.stream().filter(t -> t.project() != null || !own.contains(t.name() + "/" + t.language())).toList();
    }

    private Optional<ResponseTemplate> find(String project, String name, String language) {
        return jdbc.sql("select * from response_template where project is not distinct from ? and name = ? and language = ?")
                .params(project, name, language).query(ResponseTemplate.class).optional();
    }

    private static void check(String field, String text, List<FieldError> errors) {
        try {
            Template template = STRICT.compile(text);
            template.execute(SAMPLE);
        } catch (MustacheException e) {
            errors.add(new FieldError(field, e.getMessage() + "; the variables are " + String.join(", ", VARIABLES)));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
