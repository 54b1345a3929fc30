package org.linedesk.studio;

import org.linedesk.core.NotFoundException;
import org.linedesk.identity.CurrentActor;
import org.linedesk.ticket.Ticket;
import org.linedesk.ticket.TicketService;
import org.linedesk.workflow.TicketProcessPath;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A ticket's process for whoever may read the ticket: the version it runs, where it is, the way it came, the model. */
@RestController
@RequestMapping({"/api/tickets/{number}/process", "/console-api/tickets/{number}/process"})
class TicketProcessApiController {

    private final TicketService tickets;
    private final TicketProcessPath paths;

    TicketProcessApiController(TicketService tickets, TicketProcessPath paths) {
        this.tickets = tickets;
        this.paths = paths;
    }

    @GetMapping
    TicketProcessPath.Path path(@PathVariable String number) {
        Ticket ticket = tickets.loadForReading(number, CurrentActor.get());
        return paths.of(ticket.getProcessInstanceId())
                .orElseThrow(() -> new NotFoundException("Ticket " + number + " has no process"));
    }

    @GetMapping("/xml")
    ResponseEntity<byte[]> model(@PathVariable String number) {
        Ticket ticket = tickets.loadForReading(number, CurrentActor.get());
        byte[] xml = paths.model(ticket.getProcessInstanceId())
                .orElseThrow(() -> new NotFoundException("Ticket " + number + " has no process"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"process.bpmn\"").body(xml);
    }
}
