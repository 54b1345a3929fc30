package org.linedesk.channel.email;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.linedesk.audit.Audited;
import org.linedesk.core.NotFoundException;
import org.linedesk.identity.CurrentActor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins see what mail did not become a ticket, read its source, and let it through. */
@RestController
@RequestMapping("/api/mail/quarantine")
@PreAuthorize("hasRole('ADMIN')")
class QuarantineApiController {

    private final JdbcClient jdbc;
    private final InboundMailProcessor processor;

    QuarantineApiController(JdbcClient jdbc, InboundMailProcessor processor) {
        this.jdbc = jdbc;
        this.processor = processor;
    }

    /** {@code project}: one project's mail (the project of the mailbox it came to); default every project's. */
    @GetMapping
    List<QuarantinedMail> list(@RequestParam(defaultValue = "100") int limit,
                               @RequestParam(required = false) String project) {
        return jdbc.sql("""
                select id, mailbox, project, message_id, sender, subject, received_at, reason
                  from inbound_mail where outcome = 'QUARANTINED' and (cast(? as varchar) is null or project = ?)
                 order by received_at desc, id desc limit ?""")
                .params(project, project, Math.max(1, Math.min(limit, 1000))).query(QuarantinedMail.class).list();
    }

    /** The message exactly as it arrived (message/rfc822), as a download. */
    @GetMapping("/{id}/raw")
    @Audited(value = "QUARANTINE_RAW_READ", target = "'inbound mail ' + #id")
    ResponseEntity<byte[]> raw(@PathVariable long id) {
        byte[] raw = jdbc.sql("select raw from inbound_mail where id = ? and raw is not null").param(id)
                .query(byte[].class).optional().orElseThrow(() -> new NotFoundException("No raw message " + id));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822"))
                .header("Content-Disposition", ContentDisposition.attachment().filename("message-" + id + ".eml")
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff").body(raw);
    }

    /** Processes the message as a customer's mail, skipping the loop and rate checks that stopped it. */
    @PostMapping("/{id}/release")
    @Audited(value = "QUARANTINE_RELEASED", target = "'inbound mail ' + #id", detail = "'result ' + #result['result']")
    Map<String, Object> release(@PathVariable long id) {
        InboundMailProcessor.Result result = processor.release(id, CurrentActor.get().userId());
        return Map.of("result", result.name());
    }

    record QuarantinedMail(long id, String mailbox, String project, String messageId, String sender, String subject,
                           Instant receivedAt, String reason) {
    }
}
