package org.linedesk.sla;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.linedesk.audit.AuditLog;
import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.Actor;
import org.linedesk.ticket.EventType;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.TicketLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SLA repair: recomputes the clocks of selected tickets from their own history under a chosen SLA
 * definitions version ({@link SlaReplay}) and tells, per ticket, what would change. Applied, each
 * ticket's repair is one transaction: the clocks take the recomputed state, the engine timer moves to
 * what is due next, the ticket history and the audit log say who repaired, why and what changed. No
 * warning or breach notice is sent for anything that fell due in the past.
 */
@Service
public class SlaRepair {

    /** A larger selection is refused: narrow it (by period, group, priority or policy). */
    public static final int MAX_TICKETS = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SlaRepair.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TicketClocks ticketClocks;
    private final SlaClocks live;
    private final SlaCatalog catalog;
    private final TicketLifecycle tickets;
    private final AuditLog audit;
    private final Clock clock;

    SlaRepair(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, TicketClocks ticketClocks, SlaClocks live,
              SlaCatalog catalog, TicketLifecycle tickets, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ticketClocks = ticketClocks;
        this.live = live;
        this.catalog = catalog;
        this.tickets = tickets;
        this.audit = audit;
        this.clock = clock;
    }

    /** Which tickets: the listed numbers, or those matching every given filter (opened in [from, to)). */
    public record Selection(List<String> numbers, Instant from, Instant to, String group, Priority priority, String policy) {
        public Selection {
            numbers = numbers == null ? List.of() : numbers.stream().map(String::trim).filter(n -> !n.isEmpty()).distinct().toList();
        }

        boolean byNumbers() {
            return !numbers.isEmpty();
        }

        /** Nothing named at all: refused rather than read as "every ticket" (a repair is not undone by a click). */
        boolean isEmpty() {
            return numbers.isEmpty() && from == null && to == null && blank(group) && priority == null && blank(policy);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    /** One field of one clock that the repair changes. */
    public record Change(Metric metric, String field, String before, String after) {
    }

    /** One ticket's outcome: CHANGED (or, applied, REPAIRED), FAILED with the reason. Unchanged tickets are only counted. */
    public record TicketRepair(String number, String outcome, List<Change> changes, String problem) {
    }

    public record Result(int version, boolean dryRun, int selected, int changed, int unchanged, int failed,
                         List<String> notFound, List<TicketRepair> tickets) {
    }

    public Result repair(Selection selection, Integer version, boolean dryRun, String reason, Actor actor) {
        if (!dryRun && (reason == null || reason.isBlank())) {
            throw new InvalidInputException("reason", "is required to apply a repair (it goes into each ticket's history)");
        }
        if (selection.isEmpty()) {
            throw new InvalidInputException("selection", "name ticket numbers or at least one filter (from, to, group, "
                    + "priority, policy)");
        }
        if (selection.from() != null && selection.to() != null && !selection.from().isBefore(selection.to())) {
            throw new InvalidInputException("to", "must be after from");
        }
        int target = version == null ? catalog.newest().number() : version;
        SlaDefinitions definitions = catalog.version(target); // 404 when there is no such version
        if (selection.policy() != null && !selection.policy().isBlank()
                && catalog.versions().stream().noneMatch(v -> catalog.version(v.number()).policies().stream()
                        .anyMatch(p -> p.id().equals(selection.policy())))) {
            throw new InvalidInputException("policy", "no SLA definitions version has a policy '" + selection.policy() + "'");
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(selection, actor, params);
        Integer count = jdbc.queryForObject("select count(*) from ticket t where " + where, params, Integer.class);
        if (count != null && count > MAX_TICKETS) {
            throw new InvalidInputException("selection", "matches " + count + " tickets; narrow it to at most " + MAX_TICKETS
                    + " (a shorter period, a group, a priority or a policy)");
        }
        List<Map<String, Object>> selected = jdbc.queryForList("select t.id, t.number, t.project from ticket t where " + where
                + " order by t.id", params);
        List<String> notFound = new ArrayList<>();
        if (selection.byNumbers()) {
            List<String> found = selected.stream().map(r -> (String) r.get("number")).toList();
            selection.numbers().stream().filter(n -> !found.contains(n)).forEach(notFound::add);
        }
        List<TicketRepair> results = new ArrayList<>();
        int unchanged = 0;
        int failed = 0;
        for (Map<String, Object> row : selected) {
            long id = ((Number) row.get("id")).longValue();
            String number = (String) row.get("number");
            String project = (String) row.get("project");
            TicketRepair result;
            try {
                result = dryRun ? tx.execute(s -> { s.setRollbackOnly(); return repairOne(id, number, project, target, definitions, false, null, actor); })
                        : tx.execute(s -> repairOne(id, number, project, target, definitions, true, reason, actor));
            } catch (RuntimeException e) { // e.g. its timer fired meanwhile: this ticket is left as it was
                log.warn("SLA repair of {} failed", number, e);
                result = new TicketRepair(number, "FAILED", List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (result.outcome().equals("UNCHANGED")) {
                unchanged++;
            } else {
                if (result.outcome().equals("FAILED")) {
                    failed++;
                }
                results.add(result);
            }
        }
        return new Result(target, dryRun, selected.size(), selected.size() - unchanged - failed, unchanged, failed,
                notFound, results);
    }

    private TicketRepair repairOne(long ticketId, String number, String project, int version, SlaDefinitions definitions,
                                   boolean apply, String reason, Actor actor) {
        List<SlaClock> stored = ticketClocks.of(ticketId);
        Instant now = clock.instant();
        SlaClock first = stored.get(0);
        Map<Metric, SlaClock> replayed = SlaReplay.replay(ticketId, first.openedFacts(), first.getStartedAt(),
                history(ticketId), version, definitions, now).stream()
                .collect(Collectors.toMap(SlaClock::getMetric, c -> c));
        List<Change> changes = new ArrayList<>();
        for (SlaClock before : stored) {
            Map<String, String> was = state(before, ticketClocks.definitionsOf(before), now);
            Map<String, String> will = state(replayed.get(before.getMetric()), definitions, now);
            was.forEach((field, value) -> {
                if (!value.equals(will.get(field))) {
                    changes.add(new Change(before.getMetric(), field, value, will.get(field)));
                }
            });
        }
        if (changes.isEmpty()) {
            return new TicketRepair(number, "UNCHANGED", List.of(), null);
        }
        if (!apply) {
            return new TicketRepair(number, "CHANGED", changes, null);
        }
        stored.forEach(before -> before.adopt(replayed.get(before.getMetric()), now)); // managed: written at commit
        live.repaired(ticketId);
        String detail = "SLA repaired under definitions version " + version + " by " + actor.userId() + ": " + reason.strip()
                + " — " + changes.stream().map(SlaRepair::words).collect(Collectors.joining("; "));
        tickets.recordSlaRepair(ticketId, detail, actor.userId());
        audit.record(actor.userId(), "SLA_REPAIRED", number, detail, AuditLog.OK, project);
        return new TicketRepair(number, "REPAIRED", changes, null);
    }

    static String words(Change c) {
        return c.metric() + " " + c.field() + " " + c.before() + " → " + c.after();
    }

    /** The clock's recomputable state in words (the escalation instant and the timer job are facts of operation). */
    private static Map<String, String> state(SlaClock c, SlaDefinitions definitions, Instant now) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("definitions version", String.valueOf(c.getDefinitionsVersion()));
        state.put("policy", c.getPolicyId());
        state.put("calendar", c.getCalendarId());
        state.put("priority", String.valueOf(c.getPriority()));
        state.put("target", c.getTarget().toString());
        state.put("started", text(c.getStartedAt()));
        state.put("pauses", Arrays.stream(c.getPauses().split("[;/]", -1)).map(p -> p.isEmpty() ? "" : text(Instant.parse(p)))
                .collect(Collectors.joining(",")));
        state.put("stopped", text(c.getStoppedAt()));
        state.put("due", text(c.getDueAt()));
        state.put("breached", text(c.getBreachedAt()));
        state.put("warnings sent", String.valueOf(c.getWarningsFired()));
        state.put("business time used", c.elapsed(now, definitions.calendar(c.getCalendarId())).truncatedTo(ChronoUnit.SECONDS).toString());
        return state;
    }

    /** Instants as stored (PostgreSQL keeps microseconds). */
    private static String text(Instant at) {
        return at == null ? "-" : at.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private List<SlaReplay.HistoryEvent> history(long ticketId) {
        return jdbc.query("""
                select at, type, old_value, new_value from ticket_event
                 where ticket_id = :id and type in (:types) order by at, id
                """, new MapSqlParameterSource("id", ticketId)
                        .addValue("types", SlaReplay.TYPES.stream().map(Enum::name).toList()),
                (rs, i) -> new SlaReplay.HistoryEvent(rs.getTimestamp(1).toInstant(), EventType.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4)));
    }

    private static String where(Selection s, Actor actor, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder("exists (select 1 from sla_clock c where c.ticket_id = t.id");
        if (s.policy() != null && !s.policy().isBlank()) {
            where.append(" and c.policy_id = :policy");
            params.addValue("policy", s.policy());
        }
        where.append(")");
        if (s.byNumbers()) {
            where.append(" and t.number in (:numbers)");
            params.addValue("numbers", s.numbers());
        }
        if (s.from() != null) {
            where.append(" and t.created_at >= :from");
            params.addValue("from", java.sql.Timestamp.from(s.from()));
        }
        if (s.to() != null) {
            where.append(" and t.created_at < :to");
            params.addValue("to", java.sql.Timestamp.from(s.to()));
        }
        if (s.group() != null && !s.group().isBlank()) {
            where.append(" and t.current_group = :grp");
            params.addValue("grp", s.group());
        }
        if (s.priority() != null) {
            where.append(" and t.priority = :priority");
            params.addValue("priority", s.priority().name());
        }
        if (!actor.seesAllProjects()) {
            where.append(" and t.project in (:projects)");
            params.addValue("projects", actor.projects().isEmpty() ? List.of("") : List.copyOf(actor.projects()));
        }
        return where.toString();
    }
}
