package org.linedesk.mail;

import java.util.List;

import org.linedesk.audit.Audited;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins watch and unblock outgoing mail. */
@RestController
@RequestMapping("/api/mail/outbox")
@PreAuthorize("hasRole('ADMIN')")
class MailApiController {

    private final Outbox outbox;

    MailApiController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    List<Outbox.OutboundMailView> list(@RequestParam(required = false) String status,
                                       @RequestParam(required = false) Long ticketId,
                                       @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !List.of("PENDING", "SENT", "FAILED").contains(status)) {
            throw new org.linedesk.core.InvalidInputException("status", "is one of PENDING, SENT, FAILED");
        }
        return outbox.list(status, ticketId, Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/{id}/retry")
    @Audited(value = "OUTBOX_RETRIED", target = "'outbound mail ' + #id")
    ResponseEntity<Void> retry(@PathVariable long id) {
        outbox.retry(id);
        return ResponseEntity.accepted().build();
    }
}
