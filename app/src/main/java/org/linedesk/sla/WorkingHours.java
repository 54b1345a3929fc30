package org.linedesk.sla;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shift of a working day, e.g. {@code 09:00-15:00}. A shift whose end is not after its start
 * runs past midnight into the next day ({@code 21:00-03:00}); {@code 00:00-24:00} is the whole day.
 * A shift belongs to the day it starts on (a holiday on that day cancels it).
 */
public record WorkingHours(LocalTime start, LocalTime end, boolean endsNextDay) {

    private static final Pattern RANGE = Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");

    public static WorkingHours parse(String range) {
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + range + "' is not a range like 09:00-18:00");
        }
        try {
            LocalTime start = LocalTime.parse(m.group(1));
            if (m.group(2).equals("24:00")) {
                return new WorkingHours(start, LocalTime.MIDNIGHT, true);
            }
            LocalTime end = LocalTime.parse(m.group(2));
            if (end.equals(start)) {
                throw new IllegalArgumentException("'" + range + "' is empty; use 00:00-24:00 for a whole day");
            }
            return new WorkingHours(start, end, !end.isAfter(start));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + range + "' has an invalid time", e);
        }
    }

    @Override
    public String toString() {
        return start + "-" + (endsNextDay && end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }
}
