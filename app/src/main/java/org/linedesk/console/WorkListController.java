package org.linedesk.console;

import java.util.List;

import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Priority;
import org.linedesk.ticket.TicketService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agent's work list: filters, one-click claim, and a table that refreshes itself (htmx). */
@Controller
@PreAuthorize("hasRole('AGENT')")
class WorkListController {

    private final WorkList workList;
    private final TicketService tickets;

    WorkListController(WorkList workList, TicketService tickets) {
        this.workList = workList;
        this.tickets = tickets;
    }

    @GetMapping("/work")
    String page(@ModelAttribute("filter") WorkList.Filter filter, Model model) {
        Actor me = CurrentActor.get();
        model.addAttribute("rows", workList.rows(me, filter));
        model.addAttribute("groups", me.groups().stream().sorted().toList());
        model.addAttribute("priorities", List.of(Priority.values()));
        model.addAttribute("channels", List.of(Channel.values()));
        model.addAttribute("statuses", WorkList.OPEN);
        return "work";
    }

    /** Only the table's rows: what the page's htmx refresh swaps in every few seconds. */
    @GetMapping("/work/rows")
    String rows(@ModelAttribute("filter") WorkList.Filter filter, Model model) {
        model.addAttribute("rows", workList.rows(CurrentActor.get(), filter));
        return "work :: rows";
    }

    @PostMapping("/work/{number}/claim")
    String claim(@PathVariable String number, @RequestParam(required = false) Long version,
                 @RequestHeader(value = "HX-Request", required = false) String htmx,
                 RedirectAttributes flash, Model model) {
        try {
            tickets.claim(number, version, CurrentActor.get());
            flash.addFlashAttribute("success", "You took " + number + ".");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", Flash.message(e));
        }
        return "redirect:/tickets/" + number;
    }
}
