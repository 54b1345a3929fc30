package org.linedesk.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The customer who asked. The e-mail address is where answers go and how replies are matched; the
 * language (e.g. "ru"), when known, picks the language of templates and acknowledgements.
 */
@Embeddable
public record Requester(
        @Column(name = "requester_name") String name,
        @Column(name = "requester_email") String email,
        @Column(name = "requester_language") String language) {

    public Requester {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("a requester needs an e-mail address");
        }
    }

    public Requester(String name, String email) {
        this(name, email, null);
    }
}
