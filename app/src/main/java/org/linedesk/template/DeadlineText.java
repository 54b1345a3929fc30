package org.linedesk.template;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A deadline as the customer reads it: the desk's local time and the name of its time zone,
 * "14:30 today, Moscow Time" or "10:00 on Tuesday 24 November, Moscow Time" (Russian likewise).
 */
public final class DeadlineText {

    private DeadlineText() {
    }

    public static String format(Instant due, ZoneId zone, String language, Instant now) {
        Locale locale = Locale.forLanguageTag(language == null ? "en" : language);
        boolean russian = "ru".equals(locale.getLanguage());
        ZonedDateTime local = due.atZone(zone);
        String time = DateTimeFormatter.ofPattern("HH:mm", locale).format(local);
        String zoneName = zone.getDisplayName(TextStyle.FULL, locale);
        LocalDate today = now.atZone(zone).toLocalDate();
        if (local.toLocalDate().equals(today)) {
            return russian ? time + " сегодня (время: " + zoneName + ")" : time + " today, " + zoneName;
        }
        if (local.toLocalDate().equals(today.plusDays(1))) {
            return russian ? time + " завтра (время: " + zoneName + ")" : time + " tomorrow, " + zoneName;
        }
        String day = DateTimeFormatter.ofPattern(russian ? "EEEE, d MMMM" : "EEEE d MMMM", locale).format(local);
        return russian ? time + ", " + day + " (время: " + zoneName + ")" : time + " on " + day + ", " + zoneName;
    }
}
