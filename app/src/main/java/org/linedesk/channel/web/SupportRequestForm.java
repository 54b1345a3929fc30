package org.linedesk.channel.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.linedesk.ticket.Level;

/** What a customer fills in on the public form. Impact and urgency are optional hints. */
record SupportRequestForm(
        @Size(max = 200, message = "is at most 200 characters") @Pattern(regexp = NO_NUL, message = NUL) String name,
        @NotBlank(message = "is required") @Email(message = "is not an e-mail address")
        @Size(max = 320, message = "is at most 320 characters") String email,
        @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters")
        @Pattern(regexp = NO_NUL, message = NUL) String subject,
        @NotBlank(message = "is required") @Size(max = 10000, message = "is at most 10000 characters")
        @Pattern(regexp = NO_NUL, message = NUL) String description,
        Level impact,
        Level urgency) {

    /** Text cannot hold U+0000 (PostgreSQL refuses it): said next to the field instead of failing on save. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL = "must not contain the character U+0000 (NUL)";

    static SupportRequestForm empty() {
        return new SupportRequestForm(null, null, null, null, null, null);
    }
}
