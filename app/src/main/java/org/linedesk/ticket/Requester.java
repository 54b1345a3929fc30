package org.linedesk.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The customer who asked. The e-mail address is where answers go and how replies are matched. */
@Embeddable
public record Requester(
        @Column(name = "requester_name") String name,
        @Column(name = "requester_email") String email) {

    public Requester {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("a requester needs an e-mail address");
        }
    }
}
