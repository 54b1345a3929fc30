package org.linedesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.linedesk.identity.Actor;
import org.linedesk.identity.PersonalData;
import org.linedesk.mail.Outbox;
import org.springframework.data.domain.Page;

/** Request and response bodies of the ticket API. Limits here are the API's promise; docs/api.md repeats them. */
final class TicketApiModels {

    static final int MAX_BODY = 100_000;

    private TicketApiModels() {
    }

    record CreateTicketRequest(
            @NotBlank @Size(max = 200) String subject,
            @NotBlank @Size(max = MAX_BODY) String description,
            @NotNull @Valid RequesterBody requester,
            Channel channel,
            Level impact,
            Level urgency,
            @Size(max = 64) String group,
            @Size(max = 32) String project) {
    }

    record RequesterBody(@Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email) {
        Requester toRequester() {
            return new Requester(name, email);
        }
    }

    /** {@code template}: a response template whose text follows the reply (for actions that take a reply). */
    record ActionRequest(@Size(max = MAX_BODY) String reply, @Size(max = 64) String group,
                         @Size(max = 1000) String reason, Long version, @Size(max = 64) String template) {
    }

    /** {@code body} and/or {@code template} (a response template rendered for this ticket, after the body). */
    record ArticleRequest(@NotNull ArticleKind kind, @Size(max = MAX_BODY) String body, @Size(max = 64) String template,
                          Long version) {
    }

    record CustomerMessageRequest(@NotBlank @Size(max = MAX_BODY) String body, @Valid RequesterBody from,
                                  Channel channel) {
    }

    record VersionRequest(Long version) {
    }

    record PriorityRequest(@NotNull Level impact, @NotNull Level urgency, @NotBlank @Size(max = 1000) String reason,
                           Long version) {
    }

    /** {@code snippet} (search only): where the words were found, matched parts marked. */
    record TicketSummary(String number, String subject, Status status, Priority priority, Channel channel,
                         String project, String group, String assignee, Instant createdAt, Instant updatedAt,
                         Instant queuedAt, long version, List<TicketSearch.Fragment> snippet) {
        static TicketSummary of(Ticket t) {
            return new TicketSummary(t.getNumber(), t.getSubject(), t.getStatus(), t.getPriority(), t.getChannel(),
                    t.getProject(), t.getCurrentGroup(), t.getAssignee(), t.getCreatedAt(), t.getUpdatedAt(), t.getQueuedAt(),
                    t.getVersion(), null);
        }

        static TicketSummary of(TicketSearch.Hit h) {
            return new TicketSummary(h.number(), h.subject(), h.status(), h.priority(), h.channel(), h.project(),
                    h.group(), h.assignee(), h.createdAt(), h.updatedAt(), h.queuedAt(), h.version(), h.snippet());
        }
    }

    /** {@code hint}: what the routing rules think the request is ("looks like: passwords"), or null. */
    record WorkListItem(String number, String subject, Status status, Priority priority, Channel channel,
                        String group, String assignee, boolean claimable, Instant queuedAt, String hint, long version) {
        static WorkListItem of(Ticket t) {
            return new WorkListItem(t.getNumber(), t.getSubject(), t.getStatus(), t.getPriority(), t.getChannel(),
                    t.getCurrentGroup(), t.getAssignee(), t.getAssignee() == null, t.getQueuedAt(),
                    t.getRoutingHint() == null ? null : "looks like: " + t.getRoutingHint(), t.getVersion());
        }
    }

    record TicketView(String number, String subject, String description, Requester requester, Channel channel,
                      Level impact, Level urgency, Priority priority, Status status, String project, String group,
                      String assignee, String category, List<String> tags, String routingHint, String lastAnsweredGroup, String resolution, String followUpOf, int reopenCount,
                      Instant createdAt, Instant updatedAt, Instant firstRespondedAt, Instant resolvedAt,
                      Instant closedAt, String processInstanceId, long version, TaskView currentTask,
                      List<?> sla, List<ArticleView> conversation, List<EventView> history, List<MailView> mails) {

        /**
         * The ticket as {@code viewer} may see it: for an agent the customer's address is masked wherever it
         * appears (requester, authors, history actors, mails), as on the console (PersonalData).
         */
        static TicketView of(TicketQueries.TicketDetails d, Actor viewer) {
            Ticket t = d.ticket();
            boolean whole = PersonalData.seesWhole(viewer);
            Requester r = t.getRequester();
            Requester requester = new Requester(r.name(), PersonalData.shown(r.email(), whole), r.language());
            return new TicketView(t.getNumber(), t.getSubject(), t.getDescription(), requester, t.getChannel(),
                    t.getImpact(), t.getUrgency(), t.getPriority(), t.getStatus(), t.getProject(), t.getCurrentGroup(),
                    t.getAssignee(), t.getCategory(), t.getTags(), t.getRoutingHint(), t.getLastAnsweredGroup(), t.getResolution(),
                    t.getFollowUpOf() == null ? null : TicketNumber.format(TicketNumber.prefixOf(t.getNumber()), t.getFollowUpOf()), t.getReopenCount(),
                    t.getCreatedAt(), t.getUpdatedAt(), t.getFirstRespondedAt(), t.getResolvedAt(), t.getClosedAt(),
                    t.getProcessInstanceId(), t.getVersion(), d.task() == null ? null : TaskView.of(d.task()),
                    d.slaClocks(), d.conversation().stream().map(a -> ArticleView.of(a, d.attachments(), whole)).toList(),
                    d.history().stream().map(e -> EventView.of(e, whole)).toList(),
                    d.mails().stream().map(m -> MailView.of(m, whole)).toList());
        }
    }

    /** A mail to the customer and whether it reached them ({@code delivery}: "sent", "not delivered: 550 …"). */
    record MailView(String purpose, String to, String subject, String status, String delivery, int attempts,
                    Instant createdAt, Instant sentAt) {
        static MailView of(Outbox.OutboundMailView m, boolean whole) {
            return new MailView(m.purpose(), PersonalData.shown(m.toAddress(), whole), m.subject(), m.status(),
                    m.delivery(), m.attempts(), m.createdAt(), m.sentAt());
        }
    }

    record IdentityCheckRequest(@NotBlank @Size(max = 320) String email) {
    }

    /** Whether the address a customer gave matches the stored one; the stored one itself stays hidden. */
    record IdentityCheckResult(boolean matches) {
    }

    record TaskView(String id, String step, String name, String group, String assignee, Instant createdAt,
                    List<ActionView> actions) {
        static TaskView of(WorkItem w) {
            return new TaskView(w.taskId(), w.taskKey(), w.name(), w.group(), w.assignee(), w.createdAt(),
                    w.actions().stream().map(ActionView::of).toList());
        }
    }

    record ActionView(String id, String label, Set<String> needs, Set<String> accepts, String group) {
        static ActionView of(TaskAction a) {
            return new ActionView(a.id(), a.label(), names(a.needs()), names(a.accepts()), a.fixedGroup());
        }

        private static Set<String> names(Set<TaskAction.Input> inputs) {
            return inputs.stream().map(TaskAction.Input::fieldName).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /** bodyHtml is the customer's HTML after sanitising (safe tags only); clients may show it or the text. */
    record ArticleView(long id, ArticleKind kind, String author, String authorName, String body, String bodyHtml,
                       Channel channel, Instant createdAt, List<AttachmentInfo> attachments) {
        static ArticleView of(Article a, List<AttachmentInfo> ticketAttachments, boolean whole) {
            return new ArticleView(a.getId(), a.getKind(), PersonalData.shown(a.getAuthor(), whole), a.getAuthorName(), a.getBody(),
                    a.getBodyHtml(), a.getChannel(), a.getCreatedAt(),
                    ticketAttachments.stream().filter(f -> f.articleId() == a.getId()).toList());
        }
    }

    record EventView(long id, Instant at, String actor, EventType type, String from, String to, String detail) {
        static EventView of(TicketEvent e, boolean whole) {
            return new EventView(e.getId(), e.getAt(), PersonalData.shown(e.getActor(), whole), e.getType(), e.getOldValue(), e.getNewValue(),
                    e.getDetail());
        }
    }

    record PageView<T>(List<T> content, int page, int size, long totalElements, int totalPages) {
        static <T> PageView<T> of(List<T> content, int page, int size, long total) {
            return new PageView<>(content, page, size, total, (int) ((total + size - 1) / size));
        }

        static <S, T> PageView<T> of(Page<S> page, java.util.function.Function<S, T> mapper) {
            return new PageView<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                    page.getTotalElements(), page.getTotalPages());
        }
    }
}
