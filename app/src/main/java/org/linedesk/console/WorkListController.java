package org.linedesk.console;

import java.util.List;

import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Priority;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The agent's work list: filters and a table that refreshes itself (htmx); Claim posts to the ticket page's claim. */
@Controller
@PreAuthorize("hasRole('AGENT')")
class WorkListController {

    private final WorkList workList;

    WorkListController(WorkList workList) {
        this.workList = workList;
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
}
