package org.linedesk.ticket;

import static org.linedesk.ticket.TicketApiModels.*;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ticket API: a ticket's whole life over HTTP. Tickets are addressed by their number (INC-0000123). */
@RestController
@RequestMapping("/api")
class TicketApiController {

    /** Sortable fields of the list: API name → entity attribute. */
    private static final Map<String, String> SORTABLE = Map.of(
            "createdAt", "createdAt", "updatedAt", "updatedAt", "priority", "priority",
            "number", "id", "status", "status", "queuedAt", "queuedAt");

    private final TicketService service;
    private final TicketQueries queries;

    private final TicketSearch search;

    TicketApiController(TicketService service, TicketQueries queries, TicketSearch search) {
        this.service = service;
        this.queries = queries;
        this.search = search;
    }

    /** Open a ticket. Agents and admins only (enforced in SecurityConfiguration). */
    @PostMapping("/tickets")
    ResponseEntity<TicketSummary> create(@Valid @RequestBody CreateTicketRequest body) {
        Actor actor = CurrentActor.get();
        Ticket ticket = service.open(new NewTicket(body.subject(), MessageContent.text(body.description()),
                body.requester().toRequester(), body.channel() == null ? Channel.API : body.channel(), body.impact(),
                body.urgency(), blankToNull(body.group()), null, Classification.NONE,
                service.projectToOpenIn(blankToNull(body.project()), blankToNull(body.group()), actor)), actor.userId());
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.getNumber()))
                .body(TicketSummary.of(ticket));
    }

    @GetMapping("/tickets/{number}")
    TicketView get(@PathVariable String number) {
        Actor actor = CurrentActor.get();
        return TicketView.of(queries.details(number, actor), actor);
    }

    @GetMapping("/tickets")
    PageView<TicketSummary> list(@RequestParam(required = false) Status status,
                                 @RequestParam(required = false) String group,
                                 @RequestParam(required = false) Priority priority,
                                 @RequestParam(required = false) Channel channel,
                                 @RequestParam(required = false) String q,
                                 @RequestParam(required = false) String project,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                 @RequestParam(defaultValue = "createdAt,desc") String sort) {
        TicketFilter filter = new TicketFilter(status, group, priority, channel, q, project);
        if (q != null && !q.isBlank()) { // full-text search: ranked, the best first
            TicketSearch.Results found = search.search(filter, CurrentActor.get(), page, size);
            return PageView.of(found.hits().stream().map(TicketSummary::of).toList(), page, size, found.total());
        }
        PageRequest pageRequest = PageRequest.of(page, size, parseSort(sort));
        return PageView.of(queries.list(filter, pageRequest, CurrentActor.get()), TicketSummary::of);
    }

    /** The agent's work: open tickets of their groups, unclaimed or claimed by them, oldest in the queue first. */
    @GetMapping("/work")
    List<WorkListItem> workList(@RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.workList(CurrentActor.get(), page, size).stream().map(WorkListItem::of).toList();
    }

    @PostMapping("/tickets/{number}/claim")
    TicketView claim(@PathVariable String number, @RequestBody(required = false) VersionRequest body) {
        service.claim(number, body == null ? null : body.version(), CurrentActor.get());
        return get(number);
    }

    @PostMapping("/tickets/{number}/unclaim")
    TicketView unclaim(@PathVariable String number, @RequestBody(required = false) VersionRequest body) {
        service.unclaim(number, body == null ? null : body.version(), CurrentActor.get());
        return get(number);
    }

    @PostMapping("/tickets/{number}/actions/{action}")
    TicketView perform(@PathVariable String number, @PathVariable String action,
                       @Valid @RequestBody(required = false) ActionRequest body) {
        ActionRequest input = body == null ? new ActionRequest(null, null, null, null, null) : body;
        service.perform(number, action, new TicketService.ActionInput(blankToNull(input.reply()),
                blankToNull(input.group()), blankToNull(input.reason()), input.version(), blankToNull(input.template())),
                CurrentActor.get());
        // The agent sees the outcome of their action even when it moved the ticket out of their groups.
        return TicketView.of(queries.detailsAfterAction(number), CurrentActor.get());
    }

    /**
     * An agent checks the address a customer gave (on the phone, in a chat) against the stored one: they
     * learn whether it matches, not the stored value, which is masked for them. The check is on the history.
     */
    @PostMapping("/tickets/{number}/identity-check")
    IdentityCheckResult checkIdentity(@PathVariable String number, @Valid @RequestBody IdentityCheckRequest body) {
        return new IdentityCheckResult(service.verifyRequesterEmail(number, body.email(), CurrentActor.get()));
    }

    /** Correct impact and urgency (with a reason); the priority is decided again and the SLA clocks re-target. */
    @PostMapping("/tickets/{number}/priority")
    TicketView reprioritize(@PathVariable String number, @Valid @RequestBody PriorityRequest body) {
        service.reprioritize(number, body.impact(), body.urgency(), body.reason(), body.version(), CurrentActor.get());
        return TicketView.of(queries.detailsAfterAction(number), CurrentActor.get());
    }

    @PostMapping("/tickets/{number}/articles")
    ResponseEntity<TicketView> addArticle(@PathVariable String number, @Valid @RequestBody ArticleRequest body) {
        service.addArticle(number, body.kind(), body.body(), blankToNull(body.template()), body.version(),
                CurrentActor.get());
        return ResponseEntity.status(201).body(get(number));
    }

    /** A message from the customer (entered by an agent for phone or chat; e-mail and the web form use the service). */
    @PostMapping("/tickets/{number}/customer-messages")
    ResponseEntity<TicketView> addCustomerMessage(@PathVariable String number,
                                                  @Valid @RequestBody CustomerMessageRequest body) {
        Ticket landed = service.customerWrote(number, body.body(),
                body.from() == null ? null : body.from().toRequester(),
                body.channel() == null ? Channel.PHONE : body.channel(), CurrentActor.get());
        return ResponseEntity.created(URI.create("/api/tickets/" + landed.getNumber())).body(get(landed.getNumber()));
    }

    /**
     * A file from the conversation. Customer files are never rendered by the browser: they are sent
     * as a download with content sniffing off, whatever type the sender claimed.
     */
    @GetMapping("/tickets/{number}/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable String number, @PathVariable long id) {
        Attachment file = queries.attachment(number, id, CurrentActor.get());
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
                        .filename(file.getFilename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.getContent());
    }

    private static Sort parseSort(String sort) {
        String[] parts = sort.split(",");
        String field = SORTABLE.get(parts[0].trim());
        if (field == null) {
            throw new InvalidInputException("sort", "cannot sort by '" + parts[0] + "'; use one of "
                    + Set.copyOf(SORTABLE.keySet()));
        }
        Sort.Direction direction = Sort.Direction.ASC;
        if (parts.length > 1) {
            direction = Sort.Direction.fromOptionalString(parts[1].trim()).orElseThrow(() ->
                    new InvalidInputException("sort", "direction must be asc or desc, not '" + parts[1] + "'"));
        }
        return Sort.by(direction, field).and(Sort.by(Sort.Direction.DESC, "id"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
