package org.linedesk.template;

import java.time.Instant;

/**
 * A response template in one language, of a project ({@code project} null: shared by every project that
 * has not replaced it). System templates (the acknowledgement, the reply signature) are used by
 * LineDesk itself: they can be edited but not deleted.
 */
public record ResponseTemplate(String project, String name, String language, String title, String subject, String body,
                               boolean system, Instant updatedAt, String updatedBy, long version) {
}
