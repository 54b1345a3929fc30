package org.linedesk.ticket;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The number customers quote: {@code INC-0000123}, from the database sequence {@code ticket_number_seq}. */
public final class TicketNumber {

    private static final Pattern FORMAT = Pattern.compile("(?i)INC-(\\d{1,18})");

    private TicketNumber() {
    }

    public static String format(long id) {
        return String.format("INC-%07d", id);
    }

    /** The ticket id of a number such as {@code INC-0000123} (case-insensitive), if it is one. */
    public static OptionalLong parse(String number) {
        if (number == null) {
            return OptionalLong.empty();
        }
        Matcher m = FORMAT.matcher(number.trim());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
