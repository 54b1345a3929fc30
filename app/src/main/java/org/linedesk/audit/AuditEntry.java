package org.linedesk.audit;

import java.time.Instant;

/** One entry of the audit log, as it was recorded. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail,
                         String clientAddress, String result) {
}
