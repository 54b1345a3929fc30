package org.linedesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.linedesk.core.ConflictException;
import org.linedesk.core.ForbiddenException;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.NotFoundException;
import org.linedesk.identity.Actor;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.project.Project;
import org.linedesk.project.ProjectDirectory;
import org.linedesk.ticket.TaskAction.Input;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commands agents and channels give about tickets. One transaction per command: the ticket,
 * its history and the engine's state change together or not at all.
 */
@Service
@Transactional
public class TicketService {

    private final TicketRepository tickets;
    private final TicketNumbers numbers;
    private final TicketWorkflow workflow;
    private final PriorityMatrix priorities;
    private final GroupDirectory groups;
    private final DomainEventRelay events;
    private final ReplyTemplates templates;
    private final ProjectDirectory projects;
    private final Clock clock;

    TicketService(TicketRepository tickets, TicketNumbers numbers, TicketWorkflow workflow, PriorityMatrix priorities,
                  GroupDirectory groups, DomainEventRelay events, ReplyTemplates templates, ProjectDirectory projects,
                  Clock clock) {
        this.projects = projects;
        this.tickets = tickets;
        this.numbers = numbers;
        this.workflow = workflow;
        this.priorities = priorities;
        this.groups = groups;
        this.events = events;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Opens a ticket and starts its process; if the process cannot start, no ticket remains. The ticket
     * is in the request's project (else its group's, else the default project), in the given group or
     * the project's first line.
     */
    public Ticket open(NewTicket request, String actor) {
        Project project = request.project() != null ? projects.require(request.project())
                : projects.require(request.group() == null ? Project.DEFAULT : projects.projectOfGroup(request.group()));
        String group = request.group() == null ? project.firstLine() : request.group();
        requireSupportGroup(group, project.key());
        if (!projects.projectOfGroup(group).equals(project.key())) {
            throw new InvalidInputException("group", "group '" + group + "' belongs to project '"
                    + projects.projectOfGroup(group) + "', not to '" + project.key() + "'");
        }
        Ticket ticket = Ticket.open(numbers.next(), request, priorities.decide(request.impact(), request.urgency()),
                group, project.key(), project.ticketPrefix(), actor, clock.instant());
        tickets.save(ticket);
        ticket.attachProcess(workflow.start(ticket, group));
        events.relay(ticket); // the SLA clocks start; their timer belongs to the process instance
        return ticket;
    }

    /**
     * Where an agent's new ticket opens: the project asked for (one of theirs), else the group's (a group
     * of another project is as unknown as a group that does not exist), else their only project, else
     * the default project.
     */
    @Transactional(readOnly = true)
    public String projectToOpenIn(String project, String group, Actor actor) {
        if (project != null) {
            return projects.requireVisible(project, actor).key();
        }
        if (group != null) {
            String ofGroup = projects.projectOfGroup(group);
            if (!actor.seesProject(ofGroup)) {
                throw new InvalidInputException("group", "unknown group '" + group + "'");
            }
            return ofGroup;
        }
        return actor.projects().size() == 1 && !actor.seesAllProjects() ? actor.projects().iterator().next() : Project.DEFAULT;
    }

    public void claim(String number, Long version, Actor actor) {
        Ticket ticket = loadForWork(number, actor);
        ticket.expectVersion(version);
        WorkItem task = openTask(ticket);
        if (task.assignee() != null && !task.assignee().equals(actor.userId())) {
            throw new ConflictException("Ticket " + number + " is already claimed by " + task.assignee());
        }
        if (task.assignee() == null) {
            workflow.claim(task, actor.userId());
        }
    }

    public void unclaim(String number, Long version, Actor actor) {
        Ticket ticket = loadForWork(number, actor);
        ticket.expectVersion(version);
        WorkItem task = openTask(ticket);
        if (task.assignee() != null) {
            workflow.unclaim(task, actor.userId());
        }
    }

    /**
     * An agent checks identifying data a customer supplied (an e-mail address) against what is stored,
     * without seeing the stored value: only whether it matches. The check is on the ticket's record.
     */
    public boolean verifyRequesterEmail(String number, String claimed, Actor actor) {
        Ticket ticket = loadForReading(number, actor);
        if (claimed == null || claimed.isBlank()) {
            throw new InvalidInputException("email", "is required: the address the customer gave");
        }
        boolean matches = claimed.strip().equalsIgnoreCase(ticket.getRequester().email());
        ticket.recordNotice("identity check by " + actor.userId() + ": the e-mail the customer gave "
                + (matches ? "matches" : "does not match") + " the stored one", clock.instant());
        return matches;
    }

    /**
     * Gives the ticket's open task to another member of its group (or back to the queue when
     * {@code userId} is null), whoever holds it now. For members of the group and managers.
     */
    public void reassign(String number, String userId, Long version, Actor actor) {
        Ticket ticket = loadInProjects(number, actor);
        if (!actor.isMemberOf(ticket.getCurrentGroup()) && !actor.has(org.linedesk.identity.Role.MANAGER)) {
            throw new ForbiddenException("Only members of group '" + ticket.getCurrentGroup()
                    + "' and managers may reassign ticket " + number);
        }
        ticket.expectVersion(version);
        WorkItem task = openTask(ticket);
        if (userId != null && !groups.isMember(userId, task.group())) {
            throw new InvalidInputException("assignee", "'" + userId + "' is not a member of group '" + task.group() + "'");
        }
        if (task.assignee() != null) {
            workflow.unclaim(task, actor.userId());
        }
        if (userId != null) {
            workflow.claim(task, userId);
        }
    }

    /** Performs an action the BPMN allows on the ticket's current task, claiming it for the agent if nobody has. */
    public void perform(String number, String actionId, ActionInput given, Actor actor) {
        Ticket ticket = loadForWork(number, actor);
        ticket.expectVersion(given.version());
        ActionInput input = given.withReply(replyText(given.reply(), given.template(), ticket, actor));
        WorkItem task = openTask(ticket);
        TaskAction action = task.action(actionId).orElseThrow(() -> new ConflictException("action",
                "'" + actionId + "' is not allowed on step '" + task.name() + "'; allowed: "
                        + task.actions().stream().map(TaskAction::id).collect(Collectors.joining(", "))));
        if (task.assignee() != null && !task.assignee().equals(actor.userId())) {
            throw new ConflictException("Ticket " + number + " is claimed by " + task.assignee()
                    + "; only they can act on it (or unclaim it first)");
        }
        String targetGroup = validate(action, input, ticket);
        if (task.assignee() == null) {
            workflow.claim(task, actor.userId());
        }
        Instant now = clock.instant();
        if (input.reply() != null) {
            ticket.reply(input.reply(), actor.userId(), actor.displayName(), task.group(), now);
            events.relay(ticket);
        }
        if (targetGroup != null) {
            ticket.handOver(targetGroup, projects.projectOfGroup(targetGroup), input.reason(), actor.userId(), now);
        }
        ticket.recordAction(action.id(), actor.userId(), now, input.reason());
        workflow.complete(task, actor.userId(), action.id(), targetGroup);
    }

    /** A public reply or internal note outside of a workflow action. */
    public Article addArticle(String number, ArticleKind kind, String text, String template, Long version, Actor actor) {
        Ticket ticket = loadForWork(number, actor);
        ticket.expectVersion(version);
        String body = replyText(text, template, ticket, actor);
        if (body == null) {
            throw new InvalidInputException("body", "is required (or give a template)");
        }
        Instant now = clock.instant();
        Article article = switch (kind) {
            case PUBLIC_REPLY -> ticket.reply(body, actor.userId(), actor.displayName(), ticket.getCurrentGroup(), now);
            case INTERNAL_NOTE -> ticket.note(body, actor.userId(), actor.displayName(), now);
            case CUSTOMER_MESSAGE -> throw new InvalidInputException("kind",
                    "customer messages are added through /customer-messages");
        };
        events.relay(ticket);
        return article;
    }

    /** An agent (of the ticket's group) or a manager corrects impact and urgency, with a reason. */
    public Ticket reprioritize(String number, Level impact, Level urgency, String reason, Long version, Actor actor) {
        Ticket ticket = loadInProjects(number, actor);
        if (!actor.isMemberOf(ticket.getCurrentGroup()) && !actor.has(org.linedesk.identity.Role.MANAGER)) {
            throw new ForbiddenException("Only members of group '" + ticket.getCurrentGroup()
                    + "' and managers may change the priority of ticket " + number);
        }
        ticket.expectVersion(version);
        ticket.reprioritize(impact, urgency, priorities.decide(impact, urgency), reason, actor.userId(), clock.instant());
        events.relay(ticket);
        return ticket;
    }

    /**
     * The customer wrote about this ticket. A waiting ticket (pending, resolved) moves on; a closed
     * one is not reopened: a follow-up ticket is opened and linked to it. Returns the ticket the message landed in.
     */
    public Ticket customerWrote(String number, String body, Requester from, Channel via) {
        return customerWrote(number, MessageContent.text(body), from, via);
    }

    public Ticket customerWrote(String number, MessageContent content, Requester from, Channel via) {
        return customerWrote(number, content, from, via, null);
    }

    /**
     * As above; a follow-up to a closed ticket is queued in {@code followUpGroup} when given (a routing rule
     * chose it), else where a reopen would go: the group that answered last — it does not pass through
     * first line again — unless that group is gone or moved to another project.
     */
    public Ticket customerWrote(String number, MessageContent content, Requester from, Channel via, String followUpGroup) {
        Ticket ticket = load(number);
        Requester sender = from != null ? from : ticket.getRequester();
        if (ticket.getStatus() == Status.CLOSED) {
            String group = followUpGroup != null ? followUpGroup : answeredLast(ticket);
            Ticket followUp = open(new NewTicket(followUpSubject(ticket), content, sender, via, ticket.getImpact(),
                    ticket.getUrgency(), group, ticket.getId(), Classification.NONE, ticket.getProject()), sender.email());
            ticket.recordFollowUp(followUp.getNumber(), sender.email(), clock.instant());
            return followUp;
        }
        ticket.customerWrote(content, sender, via, clock.instant());
        workflow.customerReplied(ticket);
        return ticket;
    }

    /**
     * An automatic message (out-of-office, bounce) about this ticket: kept in the conversation, but it
     * neither moves the workflow (no reopen, no end of waiting) nor opens a follow-up. Returns false
     * when the ticket is closed and the message was not added.
     */
    public boolean automaticMessage(String number, MessageContent content, Requester from, Channel via) {
        Ticket ticket = load(number);
        if (ticket.getStatus() == Status.CLOSED) {
            return false;
        }
        ticket.customerWrote(content, from, via, clock.instant());
        return true;
    }

    /** Authorisation for agents entering a customer's message (phone, chat): they must work in its group. */
    public Ticket customerWrote(String number, String body, Requester from, Channel via, Actor actor) {
        loadForWork(number, actor);
        return customerWrote(number, body, from, via);
    }

    /** Reads a ticket for a channel (no agent involved), e.g. to thread a reply; the number's prefix must be the ticket's. */
    @Transactional(readOnly = true)
    public Optional<Ticket> find(String number) {
        java.util.OptionalLong id = TicketNumber.parse(number);
        return id.isPresent() ? tickets.findById(id.getAsLong()).filter(t -> TicketNumber.samePrefix(t.getNumber(), number))
                : Optional.empty();
    }

    /** A ticket by its id, for channels that know it from their own records (mail threading). */
    @Transactional(readOnly = true)
    public Optional<Ticket> findById(long id) {
        return tickets.findById(id);
    }

    @Transactional(readOnly = true)
    public Ticket loadForReading(String number, Actor actor) {
        Ticket ticket = loadInProjects(number, actor);
        if (!actor.seesAllTickets() && !actor.isMemberOf(ticket.getCurrentGroup())
                && !actor.userId().equals(ticket.getAssignee())) {
            throw new ForbiddenException("Ticket " + number + " belongs to group '" + ticket.getCurrentGroup()
                    + "', which you are not a member of");
        }
        return ticket;
    }

    private Ticket loadForWork(String number, Actor actor) {
        Ticket ticket = loadInProjects(number, actor);
        if (!actor.isMemberOf(ticket.getCurrentGroup())) {
            throw new ForbiddenException("Only members of group '" + ticket.getCurrentGroup()
                    + "' may work on ticket " + number);
        }
        return ticket;
    }

    Ticket load(String number) {
        TicketNumber.parse(number)
                .orElseThrow(() -> new NotFoundException("'" + number + "' is not a ticket number (INC-0000123)"));
        return find(number).orElseThrow(() -> new NotFoundException("No ticket " + number));
    }

    /**
     * The one check every agent's, manager's and auditor's path to a ticket passes: a ticket of a project
     * the actor does not belong to does not exist for them (404, as for a number nobody was given).
     */
    Ticket loadInProjects(String number, Actor actor) {
        Ticket ticket = load(number);
        if (!actor.seesProject(ticket.getProject())) {
            throw new NotFoundException("No ticket " + number);
        }
        return ticket;
    }

    private WorkItem openTask(Ticket ticket) {
        return workflow.currentTask(ticket).orElseThrow(() -> new ConflictException(
                "Ticket " + ticket.getNumber() + " has no open task (it is " + ticket.getStatus() + ")"));
    }

    /** Checks the input against what the action declares; returns the hand-over target, if any. */
    private String validate(TaskAction action, ActionInput input, Ticket ticket) {
        Map<Input, String> given = new HashMap<>();
        given.put(Input.REPLY, input.reply());
        given.put(Input.GROUP, input.group());
        given.put(Input.REASON, input.reason());
        for (Input field : Input.values()) {
            String value = given.get(field);
            boolean present = value != null && !value.isBlank();
            boolean fixedGroup = field == Input.GROUP && action.fixedGroup() != null;
            if (!present && action.needs().contains(field) && !fixedGroup) {
                throw new InvalidInputException(field.fieldName(), "is required for action '" + action.id() + "'");
            }
            if (present && (!action.takes(field) || fixedGroup)) {
                throw new InvalidInputException(field.fieldName(), "action '" + action.id() + "' takes no "
                        + field.fieldName());
            }
        }
        String target = action.fixedGroup() != null ? action.fixedGroup() : blankToNull(input.group());
        if (target != null) {
            requireSupportGroup(target, ticket.getProject());
            String to = projects.projectOfGroup(target);
            if (!projects.handOverAllowed(ticket.getProject(), to)) {
                throw new ConflictException("group", "group '" + target + "' belongs to project '" + to
                        + "'; hand-overs from project '" + ticket.getProject() + "' to '" + to + "' are not allowed");
            }
        }
        return target;
    }

    /** The agent's text, then the template rendered for this ticket (either may be absent). */
    private String replyText(String text, String template, Ticket ticket, Actor actor) {
        String rendered = template == null || template.isBlank() ? null
                : templates.replyText(template, ticket, actor.displayName());
        String own = blankToNull(text);
        if (rendered == null) {
            return own;
        }
        return own == null ? rendered : own + "\n\n" + rendered;
    }

    /** The group must exist; the message lists the groups of the project (never another project's). */
    private void requireSupportGroup(String group, String project) {
        if (!groups.isSupportGroup(group)) {
            throw new InvalidInputException("group", "unknown group '" + group + "'; groups of project '" + project
                    + "': " + groups.supportGroups().stream().map(GroupDirectory.SupportGroup::id)
                    .filter(g -> projects.projectOfGroup(g).equals(project)).collect(Collectors.joining(", ")));
        }
    }

    /** The group that answered the ticket last, if it still is a support group of the ticket's project. */
    private String answeredLast(Ticket ticket) {
        String group = ticket.getLastAnsweredGroup();
        return group != null && groups.isSupportGroup(group) && projects.projectOfGroup(group).equals(ticket.getProject())
                ? group : null;
    }

    private static String followUpSubject(Ticket closed) {
        String subject = "Follow-up to " + closed.getNumber() + ": " + closed.getSubject();
        return subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Transactional(readOnly = true)
    public boolean anyTickets() {
        return tickets.count() > 0;
    }

    List<Ticket> workList(Actor actor, int page, int size) {
        if (actor.groups().isEmpty()) {
            return List.of();
        }
        return tickets.workList(actor.groups(), actor.userId(), org.springframework.data.domain.PageRequest.of(page, size));
    }

    /**
     * What an agent sends with an action: a reply (own text and/or a response template), a target
     * group, a reason, the version they saw.
     */
    public record ActionInput(String reply, String group, String reason, Long version, String template) {

        public ActionInput(String reply, String group, String reason, Long version) {
            this(reply, group, reason, version, null);
        }

        ActionInput withReply(String text) {
            return new ActionInput(text, group, reason, version, null);
        }
    }
}
