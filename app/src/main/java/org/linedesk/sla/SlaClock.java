package org.linedesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.linedesk.ticket.Priority;

/**
 * One SLA clock of a ticket (first response or resolution). Elapsed business time is always
 * recomputed from the start, the pauses and the stop in the clock's calendar, so paused time is
 * credited back exactly and a re-target counts from the original start. {@link #dueAt} and the
 * breach fields are kept for queries and reports.
 */
@Entity
@Table(name = "sla_clock")
public class SlaClock {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sla_clock_seq")
    @SequenceGenerator(name = "sla_clock_seq", sequenceName = "sla_clock_seq", allocationSize = 50)
    private Long id;

    @Column(name = "ticket_id")
    private long ticketId;
    @Enumerated(EnumType.STRING)
    private Metric metric;
    @Column(name = "policy_id")
    private String policyId;
    @Column(name = "calendar_id")
    private String calendarId;
    @Enumerated(EnumType.STRING)
    private Priority priority;
    @Column(name = "target_seconds")
    private long targetSeconds;
    @Column(name = "started_at")
    private Instant startedAt;
    private String pauses = "";
    @Column(name = "stopped_at")
    private Instant stoppedAt;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "warnings_fired")
    private int warningsFired;
    /** Business time the clock used, pauses excluded, fixed when it stops (reports read it; null while running). */
    @Column(name = "business_seconds")
    private Long businessSeconds;

    @Column(name = "breached_at")
    private Instant breachedAt;
    @Column(name = "escalated_at")
    private Instant escalatedAt;
    @Column(name = "timer_job_id")
    private String timerJobId;
    /** The SLA definitions version whose policy and calendar this clock follows. */
    @Column(name = "definitions_version")
    private Integer definitionsVersion;
    /** What the policy was selected on when the ticket opened (SLA repair selects again on these). */
    @Enumerated(EnumType.STRING)
    @Column(name = "opened_channel")
    private org.linedesk.ticket.Channel openedChannel;
    @Column(name = "opened_group")
    private String openedGroup;
    @Enumerated(EnumType.STRING)
    @Column(name = "opened_priority")
    private Priority openedPriority;
    @Column(name = "opened_project")
    private String openedProject;
    @Version
    private Long version;

    protected SlaClock() {
    }

    static SlaClock start(long ticketId, Metric metric, int definitionsVersion, SlaPolicy.TicketFacts facts,
                          SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        SlaClock c = new SlaClock();
        c.ticketId = ticketId;
        c.metric = metric;
        c.definitionsVersion = definitionsVersion;
        c.openedChannel = facts.channel();
        c.openedGroup = facts.group();
        c.openedPriority = facts.priority();
        c.openedProject = facts.project();
        Priority priority = facts.priority();
        c.policyId = policy.id();
        c.priority = priority;
        c.calendarId = calendar.id();
        c.targetSeconds = policy.target(priority, metric).toSeconds();
        c.startedAt = now;
        c.dueAt = calendar.add(now, c.target());
        return c;
    }

    // --- transitions -----------------------------------------------------------------------------

    /** Each transition returns whether the clock changed (then the engine timer is set again). */
    boolean pause(Instant now) {
        if (!isRunning()) {
            return false;
        }
        noteOverdue(now);
        pauses = pauses + (pauses.isEmpty() ? "" : ";") + now + "/";
        dueAt = null;
        return true;
    }

    boolean resume(Instant now, BusinessCalendar calendar) {
        if (!isPaused()) {
            return false;
        }
        pauses = pauses + now;
        recomputeDue(now, calendar);
        return true;
    }

    boolean stop(Instant now, BusinessCalendar calendar) {
        if (stoppedAt != null) {
            return false;
        }
        if (isPaused()) {
            pauses = pauses + now;
        } else {
            noteOverdue(now);
        }
        stoppedAt = now;
        dueAt = null;
        businessSeconds = elapsed(now, calendar).toSeconds();
        return true;
    }

    /** A stopped resolution clock runs again (reopen); the time it stood still does not count. */
    boolean restart(Instant now, BusinessCalendar calendar) {
        if (stoppedAt == null) {
            return false;
        }
        pauses = pauses + (pauses.isEmpty() ? "" : ";") + stoppedAt + "/" + now;
        stoppedAt = null;
        businessSeconds = null;
        recomputeDue(now, calendar);
        return true;
    }

    /** New priority: new target (and maybe calendar), counted from the original start. */
    void retarget(Priority newPriority, SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        priority = newPriority;
        targetSeconds = policy.target(newPriority, metric).toSeconds();
        calendarId = calendar.id();
        if (breachedAt == null) {
            warningsFired = firedWarningsAt(policy, calendar, now);
        }
        if (isRunning()) {
            recomputeDue(now, calendar);
        }
    }

    /**
     * Records what is due at {@code now}: warnings past their threshold and the breach. Idempotent:
     * what was recorded before is not recorded again. Returns what happened now.
     */
    Fired fire(SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        if (!isRunning()) {
            return Fired.NOTHING;
        }
        List<SlaPolicy.Warning> warnings = new ArrayList<>();
        int dueWarnings = breachedAt == null ? firedWarningsAt(policy, calendar, now) : warningsFired;
        for (int i = warningsFired; i < dueWarnings; i++) {
            warnings.add(policy.warnings().get(i));
        }
        warningsFired = Math.max(warningsFired, dueWarnings);
        boolean breached = false;
        if (breachedAt == null && dueAt != null && !dueAt.isAfter(now)) {
            breachedAt = dueAt;
            escalatedAt = now;
            breached = true;
        }
        return new Fired(warnings, breached);
    }

    /**
     * A clock paused or stopped at or after its due instant breached, even when its timer had not fired
     * yet (the job executor runs a moment behind): the breach is recorded, without a notice.
     */
    private void noteOverdue(Instant now) {
        if (breachedAt == null && dueAt != null && !dueAt.isAfter(now)) {
            breachedAt = dueAt;
        }
    }

    /** The next instant at which a warning or the breach is due; empty when paused, stopped or all fired. */
    Optional<Instant> nextEventAt(SlaPolicy policy, BusinessCalendar calendar) {
        if (!isRunning()) {
            return Optional.empty();
        }
        Instant segmentStart = segmentStart();
        Duration used = elapsed(segmentStart, calendar);
        Instant next = breachedAt == null ? dueAt : null;
        if (breachedAt == null) {
            for (int i = warningsFired; i < policy.warnings().size(); i++) {
                Duration threshold = target().multipliedBy(policy.warnings().get(i).percent()).dividedBy(100);
                Instant at = calendar.add(segmentStart, max(threshold.minus(used), Duration.ZERO));
                next = next == null || at.isBefore(next) ? at : next;
            }
        }
        return Optional.ofNullable(next);
    }

    // --- reading --------------------------------------------------------------------------------

    /** Business time used so far (until the stop, if stopped), pauses excluded. */
    public Duration elapsed(Instant now, BusinessCalendar calendar) {
        Instant end = stoppedAt != null && stoppedAt.isBefore(now) ? stoppedAt : now;
        Duration total = calendar.between(startedAt, end);
        for (String pause : pauseList()) {
            String[] fromTo = pause.split("/", -1);
            Instant from = Instant.parse(fromTo[0]);
            Instant to = fromTo[1].isEmpty() ? end : Instant.parse(fromTo[1]);
            total = total.minus(calendar.between(from, to.isAfter(end) ? end : to));
        }
        return total.isNegative() ? Duration.ZERO : total;
    }

    public Duration target() {
        return Duration.ofSeconds(targetSeconds);
    }

    public boolean isRunning() {
        return stoppedAt == null && !isPaused();
    }

    public boolean isPaused() {
        return stoppedAt == null && pauses.endsWith("/");
    }

    public boolean isStopped() {
        return stoppedAt != null;
    }

    public boolean isBreached() {
        return breachedAt != null;
    }

    private void recomputeDue(Instant now, BusinessCalendar calendar) {
        Instant segmentStart = segmentStart();
        Duration remaining = target().minus(elapsed(segmentStart, calendar));
        if (breachedAt != null) {
            dueAt = breachedAt;
        } else {
            dueAt = calendar.add(segmentStart, max(remaining, Duration.ZERO));
        }
    }

    /** When the current running stretch began: the start, or the end of the last pause. */
    private Instant segmentStart() {
        List<String> list = pauseList();
        if (list.isEmpty()) {
            return startedAt;
        }
        String last = list.get(list.size() - 1);
        return Instant.parse(last.substring(last.indexOf('/') + 1));
    }

    private int firedWarningsAt(SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        Duration used = elapsed(now, calendar);
        int count = 0;
        for (SlaPolicy.Warning w : policy.warnings()) {
            if (used.compareTo(target().multipliedBy(w.percent()).dividedBy(100)) >= 0) {
                count++;
            }
        }
        return count;
    }

    private List<String> pauseList() {
        return pauses.isEmpty() ? List.of() : List.of(pauses.split(";"));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What a firing recorded. */
    record Fired(List<SlaPolicy.Warning> warnings, boolean breached) {
        static final Fired NOTHING = new Fired(List.of(), false);
    }

    public Long getId() { return id; }
    public Duration getTarget() { return target(); }
    public long getTicketId() { return ticketId; }
    public Metric getMetric() { return metric; }
    public String getPolicyId() { return policyId; }
    public String getCalendarId() { return calendarId; }
    public Priority getPriority() { return priority; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getStoppedAt() { return stoppedAt; }
    public Instant getDueAt() { return dueAt; }
    public Instant getBreachedAt() { return breachedAt; }
    public Instant getEscalatedAt() { return escalatedAt; }
    public int getWarningsFired() { return warningsFired; }
    public String getTimerJobId() { return timerJobId; }
    public Integer getDefinitionsVersion() { return definitionsVersion; }
    /** Closed pauses "from/to" separated by ";", an open one ending with "/". */
    public String getPauses() { return pauses; }
    public Long getBusinessSeconds() { return businessSeconds; }

    /**
     * SLA repair: takes the recomputed state of {@code replayed} (same ticket and metric). The timer job
     * stays (it is moved afterwards); a breach the replay finds that was not known is recorded as
     * escalated now, so the timer does not escalate a past breach, and one the replay clears is cleared.
     */
    void adopt(SlaClock replayed, Instant now) {
        if (replayed.ticketId != ticketId || replayed.metric != metric) {
            throw new IllegalArgumentException("a replay of another clock");
        }
        definitionsVersion = replayed.definitionsVersion;
        policyId = replayed.policyId;
        calendarId = replayed.calendarId;
        priority = replayed.priority;
        targetSeconds = replayed.targetSeconds;
        startedAt = replayed.startedAt;
        pauses = replayed.pauses;
        stoppedAt = replayed.stoppedAt;
        dueAt = replayed.dueAt;
        warningsFired = replayed.warningsFired;
        businessSeconds = replayed.businessSeconds;
        if (replayed.breachedAt == null) {
            escalatedAt = null;
        } else if (breachedAt == null) {
            escalatedAt = now;
        }
        breachedAt = replayed.breachedAt;
    }

    /** The facts the policy was selected on at opening. */
    public SlaPolicy.TicketFacts openedFacts() {
        return new SlaPolicy.TicketFacts(openedChannel, openedGroup, openedPriority, null, openedProject);
    }

    void timerJob(String jobId) {
        this.timerJobId = jobId;
    }
}
