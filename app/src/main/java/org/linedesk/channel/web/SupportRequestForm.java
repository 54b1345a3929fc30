package org.linedesk.channel.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.linedesk.ticket.Level;

/** What a customer fills in on the public form. Impact and urgency are optional hints. */
record SupportRequestForm(
        @Size(max = 200, message = "is at most 200 characters") String name,
        @NotBlank(message = "is required") @Email(message = "is not an e-mail address")
        @Size(max = 320, message = "is at most 320 characters") String email,
        @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters") String subject,
        @NotBlank(message = "is required") @Size(max = 10000, message = "is at most 10000 characters") String description,
        Level impact,
        Level urgency) {

    static SupportRequestForm empty() {
        return new SupportRequestForm(null, null, null, null, null, null);
    }
}
