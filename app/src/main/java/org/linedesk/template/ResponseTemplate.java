package org.linedesk.template;

import java.time.Instant;

/**
 * A response template in one language. System templates (the acknowledgement, the reply signature)
 * are used by LineDesk itself: they can be edited but not deleted.
 */
public record ResponseTemplate(String name, String language, String title, String subject, String body,
                               boolean system, Instant updatedAt, String updatedBy, long version) {
}
