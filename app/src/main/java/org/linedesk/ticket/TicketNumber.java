package org.linedesk.ticket;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number customers quote: a project's prefix and the ticket's id ({@code INC-0000123}, {@code GAM-0000124}),
 * the id from the database sequence {@code ticket_number_seq} shared by every project.
 */
public final class TicketNumber {

    private static final Pattern FORMAT = Pattern.compile("(?i)[A-Z][A-Z0-9]{1,7}-(\\d{1,18})");

    private TicketNumber() {
    }

    /** The shared prefix: tickets of the default project, and of every project without a prefix of its own. */
    public static final String DEFAULT_PREFIX = "INC";

    public static String format(long id) {
        return format(DEFAULT_PREFIX, id);
    }

    public static String format(String prefix, long id) {
        return String.format("%s-%07d", prefix, id);
    }

    /**
     * The ticket id of a number such as {@code INC-0000123} (case-insensitive), if it is one; whether the
     * prefix is the ticket's own is for the caller to check against the stored number.
     */
    public static OptionalLong parse(String number) {
        if (number == null) {
            return OptionalLong.empty();
        }
        Matcher m = FORMAT.matcher(number.trim());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** True when {@code given} carries the prefix of the stored number {@code stored} (case-insensitive). */
    public static boolean samePrefix(String stored, String given) {
        int a = stored.indexOf('-');
        int b = given.strip().indexOf('-');
        return a > 0 && a == b && stored.regionMatches(true, 0, given.strip(), 0, a);
    }

    /** The prefix of a well-formed number ({@code GAM} of {@code GAM-0000124}). */
    public static String prefixOf(String number) {
        return number.substring(0, number.indexOf('-'));
    }
}
