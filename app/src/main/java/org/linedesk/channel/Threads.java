package org.linedesk.channel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which ticket a message belongs to: one of our Message-IDs in In-Reply-To/References (the surest
 * sign), else a ticket number in the subject ("[INC-0000123]", "[GAM-0000124]": any project's prefix), as OTRS
 * and RT do.
 */
@Component
class Threads {

    private static final Pattern NUMBER_IN_SUBJECT = Pattern.compile("\\[([A-Z][A-Z0-9]{1,7}-\\d{7,})]");

    private final JdbcClient jdbc;

    Threads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticket id of the newest known message among {@code ids}. */
    Optional<Long> byMessageIds(List<String> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select ticket_id from (
                    select ticket_id, id, 1 as side from outbound_mail where message_id in (:ids) and ticket_id is not null
                    union all
                    select ticket_id, id, 0 as side from inbound_mail where message_id in (:ids) and ticket_id is not null
                ) known order by id desc limit 1""")
                .param("ids", ids).query(Long.class).optional();
    }

    static Optional<String> numberInSubject(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = NUMBER_IN_SUBJECT.matcher(subject);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** The customer's latest message to reply to, and the thread so far (oldest first, at most 10). */
    Thread thread(long ticketId) {
        List<String> ids = jdbc.sql("""
                select message_id from (
                    select message_id, created_at as at from outbound_mail where ticket_id = :t
                    union all
                    select message_id, received_at as at from inbound_mail where ticket_id = :t and outcome <> 'QUARANTINED'
                ) m order by at""")
                .param("t", ticketId).query(String.class).list();
        String lastInbound = jdbc.sql("""
                select message_id from inbound_mail where ticket_id = ? and outcome <> 'QUARANTINED'
                 order by received_at desc, id desc limit 1""")
                .param(ticketId).query(String.class).optional().orElse(null);
        String deskAddress = jdbc.sql("""
                select recipient from inbound_mail where ticket_id = ? and recipient is not null
                 order by received_at desc, id desc limit 1""")
                .param(ticketId).query(String.class).optional().orElse(null);
        List<String> references = ids.size() <= 10 ? ids
                : java.util.stream.Stream.concat(ids.stream().limit(1), ids.stream().skip(ids.size() - 9)).toList();
        String inReplyTo = lastInbound != null ? lastInbound : (ids.isEmpty() ? null : ids.get(ids.size() - 1));
        return new Thread(inReplyTo, references, deskAddress);
    }

    record Thread(String inReplyTo, List<String> references, String deskAddress) {
    }
}
