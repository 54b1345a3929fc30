package org.linedesk.console;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.identity.GroupDirectory;
import org.linedesk.template.Templates;
import org.linedesk.ticket.ArticleKind;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.PriorityMatrix;
import org.linedesk.ticket.TaskAction;
import org.linedesk.ticket.TicketQueries;
import org.linedesk.ticket.TicketService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket page: conversation, the current step's actions as buttons (from the BPMN), reply with a
 * template, hand-over, reassign, priority correction, action chains, SLA clocks and history. Every
 * command goes through the same services as the API; a refused one comes back as a message on the page.
 */
@Controller
class TicketPageController {

    private final TicketQueries queries;
    private final TicketService tickets;
    private final Templates templates;
    private final GroupDirectory groups;
    private final PriorityMatrix priorities;
    private final Macros macros;
    private final org.linedesk.project.ProjectDirectory projects;

    TicketPageController(TicketQueries queries, TicketService tickets, Templates templates, GroupDirectory groups,
                         PriorityMatrix priorities, Macros macros, org.linedesk.project.ProjectDirectory projects) {
        this.projects = projects;
        this.queries = queries;
        this.tickets = tickets;
        this.templates = templates;
        this.groups = groups;
        this.priorities = priorities;
        this.macros = macros;
    }

    @GetMapping("/tickets/{number}")
    String page(@PathVariable String number, Model model) {
        Actor me = CurrentActor.get();
        TicketQueries.TicketDetails d = queries.details(number, me);
        boolean member = me.isMemberOf(d.ticket().getCurrentGroup());
        model.addAttribute("t", d.ticket());
        model.addAttribute("studioViewer", true); // the ticket's process diagram (console/studio/viewer.js)
        boolean seesWhole = org.linedesk.identity.PersonalData.seesWhole(me);
        model.addAttribute("requesterEmail", org.linedesk.identity.PersonalData.shown(d.ticket().getRequester().email(), seesWhole));
        model.addAttribute("requesterName", d.ticket().getRequester().name());
        model.addAttribute("seesWhole", seesWhole);
        model.addAttribute("conversation", d.conversation());
        model.addAttribute("mails", d.mails().stream()
                .map(m -> m.withToAddress(org.linedesk.identity.PersonalData.shown(m.toAddress(), seesWhole))).toList());
        model.addAttribute("undelivered", d.mails().stream().filter(m -> m.status().equals("FAILED")).toList());
        model.addAttribute("history", d.history());
        model.addAttribute("clocks", d.slaClocks());
        model.addAttribute("task", d.task());
        model.addAttribute("canWork", member && d.task() != null);
        model.addAttribute("canReassign", d.task() != null && (member || me.has(org.linedesk.identity.Role.MANAGER)));
        if (d.task() != null) {
            Set<String> actionIds = d.task().actions().stream().map(TaskAction::id).collect(Collectors.toSet());
            model.addAttribute("actions", d.task().actions());
            model.addAttribute("macros", member ? macros.fitting(actionIds, d.ticket().getProject()) : List.of());
            model.addAttribute("members", groups.members(d.task().group()));
        }
        model.addAttribute("templateNames", templates.names(d.ticket().getProject()));
        // hand-over targets: the project's groups, and those of projects it may hand over to
        String project = d.ticket().getProject();
        model.addAttribute("groups", groups.supportGroups().stream()
                .filter(g -> projects.handOverAllowed(project, projects.projectOfGroup(g.id()))).toList());
        model.addAttribute("levels", List.of(Level.values()));
        return "ticket";
    }

    @PostMapping("/tickets/{number}/claim")
    String claim(@PathVariable String number, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return attempt(number, flash, "You took " + number + ".", () -> tickets.claim(number, version, CurrentActor.get()));
    }

    @PostMapping("/tickets/{number}/actions/{action}")
    String act(@PathVariable String number, @PathVariable String action,
               @RequestParam(required = false) String reply, @RequestParam(required = false) String template,
               @RequestParam(required = false) String group, @RequestParam(required = false) String reason,
               @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return attempt(number, flash, "Done: " + action + ".", () -> tickets.perform(number, action,
                new TicketService.ActionInput(blank(reply), blank(group), blank(reason), version, blank(template)),
                CurrentActor.get()));
    }

    @PostMapping("/tickets/{number}/articles")
    String article(@PathVariable String number, @RequestParam ArticleKind kind,
                   @RequestParam(required = false) String body, @RequestParam(required = false) String template,
                   @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return attempt(number, flash, kind == ArticleKind.INTERNAL_NOTE ? "Note added." : "Reply sent.",
                () -> tickets.addArticle(number, kind, blank(body), blank(template), version, CurrentActor.get()));
    }

    /** A public reply outside of an action (the reply box's "Send reply"). */
    @PostMapping("/tickets/{number}/reply")
    String reply(@PathVariable String number, @RequestParam(required = false) String reply,
                 @RequestParam(required = false) String template, @RequestParam(required = false) Long version,
                 RedirectAttributes flash) {
        return attempt(number, flash, "Reply sent.", () -> tickets.addArticle(number, ArticleKind.PUBLIC_REPLY,
                blank(reply), blank(template), version, CurrentActor.get()));
    }

    @PostMapping("/tickets/{number}/priority")
    String priority(@PathVariable String number, @RequestParam Level impact, @RequestParam Level urgency,
                    @RequestParam(required = false) String reason, @RequestParam(required = false) Long version,
                    RedirectAttributes flash) {
        return attempt(number, flash, "Priority changed.", () -> tickets.reprioritize(number, impact, urgency,
                blank(reason), version, CurrentActor.get()));
    }

    /** What the matrix would decide, shown next to the impact/urgency fields before saving. */
    @GetMapping(value = "/tickets/{number}/priority-preview", produces = "text/plain")
    @ResponseBody
    String preview(@RequestParam Level impact, @RequestParam Level urgency) {
        PriorityMatrix.Decision d = priorities.decide(impact, urgency);
        return "→ " + d.priority() + " (" + d.explanation() + ")";
    }

    @PostMapping("/tickets/{number}/reassign")
    String reassign(@PathVariable String number, @RequestParam(required = false) String assignee,
                    @RequestParam(required = false) Long version, RedirectAttributes flash) {
        String to = blank(assignee);
        return attempt(number, flash, to == null ? "Back in the queue." : "Assigned to " + to + ".",
                () -> tickets.reassign(number, to, version, CurrentActor.get()));
    }

    @PostMapping("/tickets/{number}/macros/{macro}")
    String macro(@PathVariable String number, @PathVariable String macro, @RequestParam(required = false) Long version,
                 RedirectAttributes flash) {
        return attempt(number, flash, "Done: " + macro + ".", () -> macros.run(macro, number, version, CurrentActor.get()));
    }

    @PostMapping("/tickets/{number}/verify")
    String verify(@PathVariable String number, @RequestParam(required = false) String email, RedirectAttributes flash) {
        try {
            boolean matches = tickets.verifyRequesterEmail(number, email, CurrentActor.get());
            flash.addFlashAttribute(matches ? "success" : "error", matches
                    ? "The e-mail the customer gave matches the one on record."
                    : "The e-mail the customer gave does NOT match the one on record.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", Flash.message(e));
        }
        return "redirect:/tickets/" + number;
    }

    private static String attempt(String number, RedirectAttributes flash, String success, Runnable command) {
        try {
            command.run();
            flash.addFlashAttribute("success", success);
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", Flash.message(e));
        }
        return "redirect:/tickets/" + number;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
