package org.linedesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.linedesk.core.ConflictException;
import org.linedesk.core.InvalidInputException;

/**
 * The ticket aggregate. Its lifecycle is driven by the incident process (the engine decides which
 * step comes next); this class guards that every change is a legal transition and records each one
 * in the append-only history. There are no setters: every change is a named transition.
 */
@Entity
@Table(name = "ticket")
public class Ticket {

    public static final String SYSTEM = "system";

    @Id
    private Long id;

    private String number;
    private String subject;
    private String description;

    @Embedded
    private Requester requester;

    @Enumerated(EnumType.STRING)
    private Channel channel;
    @Enumerated(EnumType.STRING)
    private Level impact;
    @Enumerated(EnumType.STRING)
    private Level urgency;
    @Enumerated(EnumType.STRING)
    private Priority priority;
    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "current_group")
    private String currentGroup;
    /** The desk the ticket belongs to; outside it the ticket does not exist for anyone but administrators. */
    private String project;
    private String assignee;
    @Column(name = "last_answered_group")
    private String lastAnsweredGroup;
    private String resolution;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "follow_up_of")
    private Long followUpOf;
    @Column(name = "reopen_count")
    private int reopenCount;

    private String category;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> tags = new ArrayList<>();
    /** What the routing rules think the request is about ("passwords"): a suggestion for first line. */
    @Column(name = "routing_hint")
    private String routingHint;

    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "queued_at")
    private Instant queuedAt;
    @Column(name = "first_responded_at")
    private Instant firstRespondedAt;
    @Column(name = "first_responded_by")
    private String firstRespondedBy;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    private Long version;

    // Appending to these lazy, inverse collections does not load them; the rows are inserted on flush.
    @OneToMany(mappedBy = "ticket", cascade = CascadeType.PERSIST)
    private List<Article> articles = new ArrayList<>();
    @OneToMany(mappedBy = "ticket", cascade = CascadeType.PERSIST)
    private List<TicketEvent> history = new ArrayList<>();

    /** What happened in this unit of work, for other modules (SLA clocks); published by the services, not stored. */
    @Transient
    private final List<Object> domainEvents = new ArrayList<>();

    /**
     * A public reply was given in this unit of work (an entity lives in one transaction's persistence
     * context): a resolution in the same command then needs no notice of its own, the reply was the answer.
     */
    @Transient
    private boolean repliedInThisTransaction;

    protected Ticket() {
    }

    /** Opens a new ticket in {@code group}'s queue from a customer's request; the request text is its first article. */
    public static Ticket open(long id, NewTicket request, PriorityMatrix.Decision priority, String group,
                              String project, String numberPrefix, String actor, Instant now) {
        Ticket t = new Ticket();
        t.id = id;
        t.number = TicketNumber.format(numberPrefix, id);
        t.project = project;
        t.subject = request.subject();
        t.description = request.description();
        t.requester = request.requester();
        t.channel = request.channel();
        t.impact = request.impact();
        t.urgency = request.urgency();
        t.priority = priority.priority();
        t.status = Status.NEW;
        t.createdAt = now;
        t.updatedAt = now;
        t.queuedAt = now;
        t.followUpOf = request.followUpOf();
        t.currentGroup = group;
        Classification classification = request.classification();
        t.category = classification.category();
        t.tags = new ArrayList<>(classification.tags());
        t.routingHint = classification.hint();
        t.record(actor, now, EventType.CREATED, null, t.number, "channel " + t.channel + ", queue " + group);
        t.record(actor, now, EventType.PRIORITY_DECIDED, null, t.priority.name(), priority.explanation());
        t.articles.add(new Article(t, ArticleKind.CUSTOMER_MESSAGE, request.requester().email(),
                request.requester().name(), request.content(), request.channel(), now));
        return t;
    }

    /** Links the ticket to the process instance that runs its lifecycle; from now on its SLA clocks run. Done once. */
    public void attachProcess(String processInstanceId) {
        if (this.processInstanceId != null) {
            throw new IllegalStateException("ticket " + number + " already runs process " + this.processInstanceId);
        }
        this.processInstanceId = Objects.requireNonNull(processInstanceId);
        domainEvents.add(new TicketOpened(id, createdAt, channel, currentGroup, priority, project));
    }

    /** Guards against lost updates: the caller saw {@code expected}; someone else changed the ticket since. */
    public void expectVersion(Long expected) {
        if (expected != null && !expected.equals(version)) {
            throw new ConflictException("version", "is " + expected + " but the ticket is now at version " + version
                    + "; someone else changed it meanwhile");
        }
    }

    /** The ticket enters a group's queue (a user task for that group was created). */
    public void enqueue(String group, Instant now) {
        requireStatus("queue", Status.NEW, Status.OPEN, Status.IN_PROGRESS, Status.PENDING_CUSTOMER);
        if (status == Status.NEW && assignee == null && Objects.equals(currentGroup, group)) {
            return; // a new ticket's first task: it was opened in this queue
        }
        if (!Objects.equals(currentGroup, group)) {
            record(SYSTEM, now, EventType.QUEUED, currentGroup, group, null);
            currentGroup = group;
        }
        if (assignee != null) {
            record(SYSTEM, now, EventType.UNASSIGNED, assignee, null, null);
            assignee = null;
        }
        queuedAt = now;
        changeStatus(status == Status.NEW ? Status.NEW : Status.OPEN, SYSTEM, now);
    }

    public void assign(String userId, String actor, Instant now) {
        requireStatus("assign", Status.NEW, Status.OPEN, Status.IN_PROGRESS);
        if (!Objects.equals(assignee, userId)) {
            record(actor, now, EventType.ASSIGNED, assignee, userId, null);
            assignee = userId;
        }
        changeStatus(Status.IN_PROGRESS, actor, now);
    }

    public void unassign(String actor, Instant now) {
        requireStatus("unassign", Status.NEW, Status.OPEN, Status.IN_PROGRESS);
        if (assignee != null) {
            record(actor, now, EventType.UNASSIGNED, assignee, null, null);
            assignee = null;
        }
        changeStatus(Status.OPEN, actor, now);
    }

    /**
     * An agent corrects impact and urgency (customers misreport them). The reason is required and kept
     * with the before/after in the history; the new priority re-targets the SLA clocks.
     */
    public void reprioritize(Level newImpact, Level newUrgency, PriorityMatrix.Decision decision, String reason,
                             String actor, Instant now) {
        requireNotClosed("change the priority of");
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required to change impact or urgency");
        }
        if (newImpact == impact && newUrgency == urgency) {
            throw new InvalidInputException("impact", "impact and urgency are already " + impact + " and " + urgency);
        }
        String before = "impact " + impact + ", urgency " + urgency + " → " + priority;
        impact = newImpact;
        urgency = newUrgency;
        Priority previous = priority;
        priority = decision.priority();
        record(actor, now, EventType.PRIORITY_CHANGED, before, "impact " + impact + ", urgency " + urgency + " → " + priority,
                reason + " (" + decision.explanation() + ")");
        if (previous != priority) {
            domainEvents.add(new TicketReprioritized(id, previous, priority, now));
        }
    }

    /** An agent hands the ticket to another group; the workflow then queues it there. */
    public void handOver(String toGroup, String reason, String actor, Instant now) {
        handOver(toGroup, project, reason, actor, now);
    }

    /**
     * Hands the ticket to a group of {@code toProject}; when that is another project (an administrator
     * allowed hand-overs between the two) the ticket moves there with its group.
     */
    public void handOver(String toGroup, String toProject, String reason, String actor, Instant now) {
        requireStatus("hand over", Status.NEW, Status.OPEN, Status.IN_PROGRESS);
        if (Objects.equals(currentGroup, toGroup)) {
            throw new InvalidInputException("group", "the ticket is already in group '" + toGroup + "'");
        }
        record(actor, now, EventType.HANDED_OVER, currentGroup, toGroup, reason);
        if (!Objects.equals(project, toProject)) {
            record(actor, now, EventType.PROJECT_CHANGED, project, toProject, "with the hand-over to " + toGroup);
            project = toProject;
        }
    }

    /** The customer wrote after the ticket was closed; the message opened {@code followUpNumber}. */
    public void recordFollowUp(String followUpNumber, String actor, Instant now) {
        record(actor, now, EventType.FOLLOW_UP_CREATED, null, followUpNumber, null);
    }

    /** An SLA warning or breach, recorded by the SLA clocks. */
    public void recordSla(EventType type, String metric, String detail, Instant now) {
        if (type != EventType.SLA_WARNING && type != EventType.SLA_BREACHED) {
            throw new IllegalArgumentException(type + " is not an SLA event");
        }
        record(SYSTEM, now, type, null, metric, detail);
    }

    /** SLA repair recomputed the clocks: what changed, under which definitions, by whom and why. */
    public void recordSlaRepair(String detail, String actor, Instant now) {
        record(actor, now, EventType.SLA_REPAIRED, null, null, detail);
    }

    public void recordAction(String action, String actor, Instant now, String detail) {
        record(actor, now, EventType.ACTION_PERFORMED, null, action, detail);
    }

    /** An agent answers the customer. The first answer is the first response; the group is remembered for reopen. */
    public Article reply(String body, String agent, String agentName, String group, Instant now) {
        requireNotClosed("reply");
        Article article = append(ArticleKind.PUBLIC_REPLY, agent, agentName, MessageContent.text(body), channel, agent, now);
        article.answeredFor(group);
        lastAnsweredGroup = group;
        repliedInThisTransaction = true;
        domainEvents.add(new TicketAnswered(id, body, agent, agentName, group, now));
        if (firstRespondedAt == null) {
            firstRespondedAt = now;
            firstRespondedBy = agent;
            record(agent, now, EventType.FIRST_RESPONSE, null, now.toString(), null);
            domainEvents.add(new TicketFirstResponded(id, now));
        }
        return article;
    }

    public Article note(String body, String agent, String agentName, Instant now) {
        return append(ArticleKind.INTERNAL_NOTE, agent, agentName, MessageContent.text(body), channel, agent, now);
    }

    /** The customer wrote to this ticket (answer to a question, or a reply after resolution). */
    public Article customerWrote(MessageContent content, Requester from, Channel via, Instant now) {
        requireNotClosed("add a customer message to");
        return append(ArticleKind.CUSTOMER_MESSAGE, from.email(), from.name(), content, via, from.email(), now);
    }

    /** Something the routing rules or a channel want on the record (e.g. a rule naming an unknown group). */
    public void recordNotice(String detail, Instant now) {
        record(SYSTEM, now, EventType.NOTICE, null, null, detail);
    }

    public void awaitCustomer(Instant now) {
        requireStatus("wait for the customer on", Status.NEW, Status.OPEN, Status.IN_PROGRESS);
        changeStatus(Status.PENDING_CUSTOMER, SYSTEM, now);
    }

    public void resolve(Instant now) {
        requireStatus("resolve", Status.NEW, Status.OPEN, Status.IN_PROGRESS);
        resolvedAt = now;
        changeStatus(Status.RESOLVED, SYSTEM, now);
        domainEvents.add(new TicketResolved(id, now, repliedInThisTransaction));
    }

    /** The customer replied to a resolved ticket: it goes back to the group that answered last. */
    public String reopen(Instant now) {
        requireStatus("reopen", Status.RESOLVED);
        reopenCount++;
        resolvedAt = null;
        String target = lastAnsweredGroup != null ? lastAnsweredGroup : currentGroup;
        record(SYSTEM, now, EventType.REOPENED, null, target, "reopen #" + reopenCount);
        changeStatus(Status.OPEN, SYSTEM, now);
        return target;
    }

    public void close(String reason, Instant now) {
        requireNotClosed("close");
        resolution = reason;
        closedAt = now;
        if (resolvedAt == null) {
            resolvedAt = now;
        }
        record(SYSTEM, now, EventType.CLOSED, null, null, reason);
        changeStatus(Status.CLOSED, SYSTEM, now);
    }

    private Article append(ArticleKind kind, String author, String authorName, MessageContent content, Channel via,
            String actor, Instant now) {
        Article article = new Article(this, kind, author, authorName, content, via, now);
        articles.add(article);
        record(actor, now, EventType.ARTICLE_ADDED, null, kind.name(), null);
        return article;
    }

    private void changeStatus(Status next, String actor, Instant now) {
        if (status != next) {
            record(actor, now, EventType.STATUS_CHANGED, status.name(), next.name(), null);
            domainEvents.add(new TicketStatusChanged(id, status, next, now));
            status = next;
        }
    }

    private void record(String actor, Instant now, EventType type, String oldValue, String newValue, String detail) {
        history.add(new TicketEvent(this, now, actor, type, oldValue, newValue, detail));
        updatedAt = now;
    }

    private void requireStatus(String what, Status... allowed) {
        for (Status s : allowed) {
            if (s == status) {
                return;
            }
        }
        throw new ConflictException("Cannot " + what + " ticket " + number + " while it is " + status);
    }

    private void requireNotClosed(String what) {
        if (status == Status.CLOSED) {
            throw new ConflictException("Cannot " + what + " ticket " + number + ": it is closed");
        }
    }

    public Long getId() { return id; }
    public String getNumber() { return number; }
    public String getSubject() { return subject; }
    public String getDescription() { return description; }
    public Requester getRequester() { return requester; }
    public Channel getChannel() { return channel; }
    public Level getImpact() { return impact; }
    public Level getUrgency() { return urgency; }
    public Priority getPriority() { return priority; }
    public Status getStatus() { return status; }
    public String getCurrentGroup() { return currentGroup; }
    public String getProject() { return project; }
    public String getAssignee() { return assignee; }
    public String getLastAnsweredGroup() { return lastAnsweredGroup; }
    public String getResolution() { return resolution; }
    public String getProcessInstanceId() { return processInstanceId; }
    public Long getFollowUpOf() { return followUpOf; }
    public int getReopenCount() { return reopenCount; }
    public String getCategory() { return category; }
    public List<String> getTags() { return List.copyOf(tags); }
    public String getRoutingHint() { return routingHint; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getQueuedAt() { return queuedAt; }
    public Instant getFirstRespondedAt() { return firstRespondedAt; }
    public Instant getResolvedAt() { return resolvedAt; }
    public Instant getClosedAt() { return closedAt; }
    public Long getVersion() { return version; }

    /** Hands over (and forgets) what happened since the last call. */
    public List<Object> drainDomainEvents() {
        List<Object> drained = List.copyOf(domainEvents);
        domainEvents.clear();
        return drained;
    }

    /** Entries added in this unit of work or, for a new ticket, all of them (used by unit tests). */
    List<TicketEvent> pendingHistory() {
        return history;
    }

    List<Article> pendingArticles() {
        return articles;
    }
}
