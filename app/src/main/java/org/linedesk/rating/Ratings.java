package org.linedesk.rating;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.linedesk.core.FieldError;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.PublicUrl;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.rating.RatingTokens.Claims;
import org.linedesk.rating.RatingTokens.Refusal;
import org.linedesk.rating.RatingTokens.RefusedToken;
import org.linedesk.template.Templates;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customer satisfaction: every answer sent to a customer is an invitation to rate it, by a signed link
 * that needs no login. The customer rates quality (1–5), optionally speed (1–5) and a comment; they may
 * change it while the link is valid, the last rating counts. Ratings are for managers: nothing here is
 * shown to agents (the reports read the view {@code rating_answer}).
 */
@Service
@Transactional
public class Ratings {

    static final String INVITATION_TEMPLATE = "rating-invitation";
    static final int MAX_COMMENT = 2000;

    /** What was answered: a public reply, or the notice that the ticket is resolved. */
    public enum Kind { REPLY, RESOLUTION }

    private final JdbcClient jdbc;
    private final Templates templates;
    private final ProjectDirectory projects;
    private final RatingSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PublicUrl links;
    private final TransactionTemplate ownTransaction;
    private volatile RatingTokens tokens;

    Ratings(JdbcClient jdbc, Templates templates, ProjectDirectory projects, RatingSettings settings,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions, PublicUrl links) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.projects = projects;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.links = links;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records that the customer is sent an answer they can rate and returns the text to put under it
     * (the {@value #INVITATION_TEMPLATE} template in the customer's language), in the sending transaction:
     * an answer that rolls back leaves no invitation. {@code group}, {@code agent}: who answered.
     */
    public String invite(Ticket ticket, Kind kind, String group, String agent) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.validFor());
        long id = jdbc.sql("select nextval('rating_invitation_seq')").query(Long.class).single();
        jdbc.sql("""
                insert into rating_invitation (id, ticket_id, kind, project, group_id, agent, priority, channel, language,
                                               sent_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ticket.getId(), kind.name(), ticket.getProject(), group, agent, ticket.getPriority().name(),
                        ticket.getChannel().name(), ticket.getRequester().language(), Timestamp.from(now),
                        Timestamp.from(expires))
                .update();
        String link = link(ticket.getNumber(), tokens().sign(new Claims(id, ticket.getId(), expires)));
        List<Map<String, Object>> scores = new ArrayList<>();
        for (int score = 5; score >= 1; score--) {
            scores.add(Map.of("score", score, "link", link + "?quality=" + score));
        }
        ZoneId zone = projects.find(ticket.getProject()).map(p -> p.timeZone()).orElse(ZoneId.of("UTC"));
        Locale locale = Locale.forLanguageTag(ticket.getRequester().language() == null ? "en" : ticket.getRequester().language());
        String until = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(expires.atZone(zone));
        return templates.render(INVITATION_TEMPLATE, ticket, null,
                        Map.of("rating", Map.of("link", link, "until", until, "scores", scores)))
                .map(Templates.Rendered::body).orElse("");
    }

    private String link(String number, String token) {
        return links.of("/rate/" + number + "/" + token);
    }

    /** The answer a link is for and the customer's rating of it so far; {@link RefusedToken} for a bad link. */
    @Transactional(readOnly = true)
    public RatingView view(String number, String token) {
        Claims claims = verify(number, token);
        Map<String, Object> row = jdbc.sql("""
                select i.kind, i.sent_at, i.expires_at, i.language, r.quality, r.speed, r.comment, r.rated_at
                  from rating_invitation i left join rating r on r.invitation_id = i.id
                 where i.id = ? and i.ticket_id = ?""")
                .params(claims.invitationId(), claims.ticketId()).query().singleRow();
        return new RatingView(number, Kind.valueOf((String) row.get("kind")), instant(row.get("sent_at")),
                instant(row.get("expires_at")), (String) row.get("language"), (Integer) shortToInt(row.get("quality")),
                (Integer) shortToInt(row.get("speed")), (String) row.get("comment"), instant(row.get("rated_at")));
    }

    /** The answer, for the page; {@code quality} null: not rated yet. */
    public record RatingView(String ticketNumber, Kind kind, Instant answeredAt, Instant validUntil, String language,
                             Integer quality, Integer speed, String comment, Instant ratedAt) {
    }

    /**
     * Rates the answer of a link (or changes its rating): quality 1–5 is required, speed 1–5 and a comment
     * of at most {@value #MAX_COMMENT} characters are optional. Bad input stores nothing.
     */
    public RatingView rate(String number, String token, Integer quality, Integer speed, String comment) {
        Claims claims = verify(number, token);
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        List<FieldError> errors = new ArrayList<>();
        if (quality == null) {
            errors.add(new FieldError("quality", "is required: a score from 1 to 5"));
        } else if (quality < 1 || quality > 5) {
            errors.add(new FieldError("quality", "is a score from 1 to 5, not " + quality));
        }
        if (speed != null && (speed < 1 || speed > 5)) {
            errors.add(new FieldError("speed", "is a score from 1 to 5, not " + speed));
        }
        if (text != null && text.length() > MAX_COMMENT) {
            errors.add(new FieldError("comment", "is at most " + MAX_COMMENT + " characters, not " + text.length()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        // the invitation's row lock orders two ratings of one answer sent at the same time
        Map<String, Object> answer = jdbc.sql("""
                select i.group_id, i.agent, i.project, t.number, t.process_instance_id
                  from rating_invitation i join ticket t on t.id = i.ticket_id
                 where i.id = ? for update of i""").param(claims.invitationId()).query().singleRow();
        Integer previous = jdbc.sql("select quality from rating where invitation_id = ?").param(claims.invitationId())
                .query(Integer.class).optional().orElse(null);
        jdbc.sql("""
                insert into rating (invitation_id, quality, speed, comment, first_rated_at, rated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (invitation_id) do update
                   set quality = excluded.quality, speed = excluded.speed, comment = excluded.comment,
                       rated_at = excluded.rated_at, changes = rating.changes + 1""")
                .params(claims.invitationId(), quality, speed, text, Timestamp.from(now), Timestamp.from(now)).update();
        boolean low = quality <= settings.lowQualityAtMost();
        boolean wasLow = previous != null && previous <= settings.lowQualityAtMost();
        events.publishEvent(new CustomerRated(claims.ticketId(), (String) answer.get("number"),
                (String) answer.get("process_instance_id"), claims.invitationId(), quality, speed, text, low,
                low && !wasLow, (String) answer.get("group_id"), (String) answer.get("agent"),
                (String) answer.get("project"), now));
        return view(number, token);
    }

    private Claims verify(String number, String token) {
        java.util.OptionalLong ticketId = number == null ? java.util.OptionalLong.empty() : TicketNumber.parse(number);
        if (token == null || token.isBlank()) {
            throw new RefusedToken(Refusal.MISSING);
        }
        if (ticketId.isEmpty()) {
            throw new RefusedToken(Refusal.FORGED);
        }
        Claims claims = tokens().verify(token, ticketId.getAsLong(), clock.instant());
        Optional<String> actualNumber = jdbc.sql("""
                select t.number from rating_invitation i join ticket t on t.id = i.ticket_id
                 where i.id = ? and i.ticket_id = ?""")
                .params(claims.invitationId(), claims.ticketId()).query(String.class).optional();
        if (actualNumber.isEmpty()) {
            throw new RefusedToken(Refusal.UNKNOWN);
        }
        if (!actualNumber.get().equals(number)) { // same id, another project's prefix
            throw new RefusedToken(Refusal.OTHER_TICKET);
        }
        return claims;
    }

    /** The signing key: the configured one, else the installation's own, made once and kept in the database. */
    private RatingTokens tokens() {
        RatingTokens current = tokens;
        if (current == null) {
            String configured = settings.signingKey();
            byte[] key = configured != null && !configured.isBlank() ? RatingTokens.keyOf(configured)
                    : ownTransaction.execute(status -> {
                        jdbc.sql("insert into rating_signing_key (id, secret, created_at) values (1, ?, ?) on conflict do nothing")
                                .params(RatingTokens.newKey(), Timestamp.from(clock.instant())).update();
                        return jdbc.sql("select secret from rating_signing_key where id = 1").query(byte[].class).single();
                    });
            current = new RatingTokens(key);
            tokens = current;
        }
        return current;
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }

    private static Object shortToInt(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /** The values of a view, for the page's JSON twin. */
    static Map<String, Object> json(RatingView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticket", v.ticketNumber());
        m.put("answeredAt", v.answeredAt());
        m.put("validUntil", v.validUntil());
        m.put("quality", v.quality());
        m.put("speed", v.speed());
        m.put("comment", v.comment());
        m.put("ratedAt", v.ratedAt());
        return m;
    }
}
