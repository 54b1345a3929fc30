package org.linedesk.console;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.linedesk.identity.Actor;
import org.linedesk.identity.CurrentActor;
import org.linedesk.ticket.Channel;
import org.linedesk.ticket.Classification;
import org.linedesk.ticket.Level;
import org.linedesk.ticket.MessageContent;
import org.linedesk.ticket.NewTicket;
import org.linedesk.ticket.Requester;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An agent opens a ticket for a customer who called or wrote in a chat: channel, requester, subject, text,
 * impact and urgency (the matrix's decision shown as they are chosen). Through the same service as the
 * API; a refused form comes back with what was typed and each field's reason.
 */
@Controller
@PreAuthorize("hasRole('AGENT')")
class NewTicketController {

    /** The channels an agent enters by hand; e-mail and the web form open their own tickets. */
    static final List<Channel> BY_HAND = List.of(Channel.PHONE, Channel.CHAT);

    private final TicketService tickets;

    NewTicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    record Form(@NotNull Channel channel, @Size(max = 200) String name,
                @NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String subject,
                @NotBlank @Size(max = 100_000) String text, @NotNull Level impact, @NotNull Level urgency) {
    }

    @GetMapping("/tickets/new")
    String form(Model model) {
        return page(new Form(Channel.PHONE, "", "", "", "", Level.MEDIUM, Level.MEDIUM), model);
    }

    @PostMapping("/tickets/new")
    String open(@Valid @ModelAttribute("form") Form form, BindingResult errors, Model model, RedirectAttributes flash) {
        if (!errors.hasErrors() && !BY_HAND.contains(form.channel())) {
            errors.rejectValue("channel", "by-hand", "is PHONE or CHAT here");
        }
        if (errors.hasErrors()) {
            model.addAttribute("errors", errors.getFieldErrors().stream()
                    .map(e -> e.getField() + ": " + e.getDefaultMessage()).sorted().toList());
            return page(form, model);
        }
        Actor me = CurrentActor.get();
        try {
            Ticket ticket = tickets.open(new NewTicket(form.subject().strip(), MessageContent.text(form.text()),
                    new Requester(form.name() == null || form.name().isBlank() ? null : form.name().strip(),
                            form.email().strip()), form.channel(), form.impact(), form.urgency(), null, null,
                    Classification.NONE, tickets.projectToOpenIn(null, null, me)), me.userId());
            flash.addFlashAttribute("success", "Ticket " + ticket.getNumber() + " opened.");
            return "redirect:/tickets/" + ticket.getNumber();
        } catch (RuntimeException e) {
            model.addAttribute("errors", List.of(Flash.message(e)));
            return page(form, model);
        }
    }

    private static String page(Form form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("channels", BY_HAND);
        model.addAttribute("levels", List.of(Level.values()));
        return "new-ticket";
    }
}
