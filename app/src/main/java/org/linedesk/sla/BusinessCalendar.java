package org.linedesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Business time in one time zone: weekly shifts per weekday, holidays, and extra working days.
 * {@link #add} and {@link #between} are exact to the nanosecond, in real elapsed time: a shift of
 * 09:00-18:00 on the day clocks go forward lasts eight hours, not nine. Pure: no Spring, no engine.
 */
public final class BusinessCalendar {

    /** How far {@link #add} looks for working time before it gives up (a calendar with no working days). */
    private static final int MAX_DAYS = 3 * 366;

    private final String id;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkingHours>> week;
    private final Holidays holidays;
    private final Map<LocalDate, List<WorkingHours>> extraWorkingDays;

    public BusinessCalendar(String id, ZoneId zone, Map<DayOfWeek, List<WorkingHours>> week, Holidays holidays,
                            Map<LocalDate, List<WorkingHours>> extraWorkingDays) {
        this.id = Objects.requireNonNull(id);
        this.zone = Objects.requireNonNull(zone);
        this.week = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, hours) -> this.week.put(day, sorted(hours)));
        this.holidays = holidays == null ? Holidays.NONE : holidays;
        this.extraWorkingDays = Map.copyOf(extraWorkingDays);
    }

    /** Round the clock, every day, no holidays. */
    public static BusinessCalendar twentyFourSeven(String id, ZoneId zone) {
        Map<DayOfWeek, List<WorkingHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(WorkingHours.parse("00:00-24:00")));
        }
        return new BusinessCalendar(id, zone, week, Holidays.NONE, Map.of());
    }

    public String id() {
        return id;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The instant at which {@code duration} of business time has passed since {@code start}. Zero is the
     * start itself inside business hours and the next opening outside them (Business::Hours and RT say
     * the same): nothing falls due while the desk is closed.
     */
    public Instant add(Instant start, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        Duration remaining = duration;
        Instant covered = start;
        LocalDate first = LocalDate.ofInstant(start, zone).minusDays(1); // a night shift may have begun yesterday
        for (int i = 0; i <= MAX_DAYS; i++) {
            for (Interval shift : shiftsOf(first.plusDays(i))) {
                Instant from = max(shift.start(), covered);
                if (!shift.end().isAfter(from)) {
                    continue;
                }
                Duration span = Duration.between(from, shift.end());
                if (span.compareTo(remaining) >= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(span);
                covered = shift.end();
            }
        }
        throw new IllegalStateException("Calendar '" + id + "' has no working time in the " + MAX_DAYS
                + " days after " + start);
    }

    /** Business time between two instants (zero if {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        Instant covered = from;
        LocalDate day = LocalDate.ofInstant(from, zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (Interval shift : shiftsOf(day)) {
                Instant start = max(shift.start(), covered);
                Instant end = min(shift.end(), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                    covered = end;
                }
            }
        }
        return total;
    }

    /** Whether the instant lies inside a shift. */
    public boolean isWorking(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, zone);
        for (LocalDate d : List.of(day.minusDays(1), day)) {
            for (Interval shift : shiftsOf(d)) {
                if (!instant.isBefore(shift.start()) && instant.isBefore(shift.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The shifts that start on this local day, as instants (DST gaps and overlaps resolved by java.time). */
    List<Interval> shiftsOf(LocalDate day) {
        List<WorkingHours> hours = extraWorkingDays.get(day);
        if (hours == null) {
            if (holidays.isHoliday(day)) {
                return List.of();
            }
            hours = week.getOrDefault(day.getDayOfWeek(), List.of());
        }
        List<Interval> shifts = new ArrayList<>(hours.size());
        for (WorkingHours h : hours) {
            Instant start = day.atTime(h.start()).atZone(zone).toInstant();
            Instant end = (h.endsNextDay() ? day.plusDays(1) : day).atTime(h.end()).atZone(zone).toInstant();
            if (end.isAfter(start)) {
                shifts.add(new Interval(start, end));
            }
        }
        return shifts;
    }

    private static List<WorkingHours> sorted(List<WorkingHours> hours) {
        return hours.stream().sorted(Comparator.comparing(WorkingHours::start)).toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    record Interval(Instant start, Instant end) {
    }

    /** Which local dates are holidays (public holidays of a region plus explicit dates). */
    public interface Holidays {
        Holidays NONE = date -> false;

        boolean isHoliday(LocalDate date);

        static Holidays of(Set<LocalDate> dates) {
            Set<LocalDate> copy = Set.copyOf(dates);
            return copy::contains;
        }

        default Holidays or(Holidays other) {
            return date -> isHoliday(date) || other.isHoliday(date);
        }
    }
}
