package org.linedesk.console;

import java.util.List;

import org.linedesk.core.InvalidInputException;
import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.Status;
import org.linedesk.ticket.TicketFilter;
import org.linedesk.ticket.TicketSearch;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Ticket search for everyone (the search box in the navigation): agents find their groups' tickets,
 * managers and auditors all of their projects'. Results are ranked and show where the words were found;
 * customer text in a snippet is escaped like everywhere else, only the marks around matches are ours.
 */
@Controller
class SearchController {

    static final int PAGE_SIZE = 25;

    private final TicketSearch search;

    SearchController(TicketSearch search) {
        this.search = search;
    }

    @GetMapping("/search")
    String page(@RequestParam(required = false) String q, @RequestParam(required = false) Status status,
                @RequestParam(required = false) Priority priority, @RequestParam(required = false) Channel channel,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Actor me = CurrentActor.get();
        int shown = Math.max(0, page);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("status", status);
        model.addAttribute("priority", priority);
        model.addAttribute("channel", channel);
        model.addAttribute("statuses", List.of(Status.values()));
        model.addAttribute("priorities", List.of(Priority.values()));
        model.addAttribute("channels", List.of(Channel.values()));
        model.addAttribute("page", shown);
        if (q != null && !q.isBlank()) {
            try {
                TicketSearch.Results results = search.search(new TicketFilter(status, null, priority, channel, q, null),
                        me, shown, PAGE_SIZE);
                model.addAttribute("results", results);
                model.addAttribute("more", (long) (shown + 1) * PAGE_SIZE < results.total());
            } catch (InvalidInputException e) {
                model.addAttribute("error", Flash.message(e));
            }
        }
        return "search";
    }
}
