package org.linedesk.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Times and durations as the pages show them ({@code ${@fmt.time(x)}} in templates), in the desk's zone. */
@Component("fmt")
class Formats {

    private final DateTimeFormatter time;

    Formats(@Value("${linedesk.console.zone:UTC}") String zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of(zone));
    }

    public String time(Instant instant) {
        return instant == null ? "" : time.format(instant);
    }

    /** A person as the page may show them (see {@link org.linedesk.identity.PersonalData#shown}). */
    public String person(String value, boolean whole) {
        return org.linedesk.identity.PersonalData.shown(value, whole);
    }

    /** "2 h 05 min", "-35 min" (overdue), "3 d 4 h". */
    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        String sign = d.isNegative() ? "-" : "";
        Duration a = d.abs();
        if (a.toDays() > 0) {
            return sign + a.toDays() + " d " + a.toHoursPart() + " h";
        }
        if (a.toHours() > 0) {
            return sign + a.toHours() + " h " + String.format("%02d", a.toMinutesPart()) + " min";
        }
        return sign + a.toMinutes() + " min";
    }
}
