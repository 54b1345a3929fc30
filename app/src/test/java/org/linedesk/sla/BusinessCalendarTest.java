package org.linedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static BusinessCalendar weekdays(ZoneId zone, String... ranges) {
        return calendar(zone, BusinessCalendar.Holidays.NONE, Map.of(), ranges);
    }

    static BusinessCalendar calendar(ZoneId zone, BusinessCalendar.Holidays holidays,
                                     Map<LocalDate, List<WorkingHours>> extra, String... ranges) {
        Map<DayOfWeek, List<WorkingHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(ranges).stream().map(WorkingHours::parse).toList());
        }
        return new BusinessCalendar("test", zone, week, holidays, extra);
    }

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void twentyFourSevenIsPlainElapsedTime() {
        BusinessCalendar cal = BusinessCalendar.twentyFourSeven("24x7", MOSCOW);
        Instant start = at("2026-11-27T22:30", MOSCOW);

        assertThat(cal.add(start, Duration.ofHours(4))).isEqualTo(start.plus(Duration.ofHours(4)));
        assertThat(cal.between(start, start.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void officeHoursSkipNightsAndWeekends() {
        BusinessCalendar cal = weekdays(MOSCOW, "09:00-18:00");

        // Friday 17:00 + 2h → Monday 10:00
        assertThat(cal.add(at("2026-11-27T17:00", MOSCOW), Duration.ofHours(2))).isEqualTo(at("2026-11-30T10:00", MOSCOW));
        // before opening
        assertThat(cal.add(at("2026-11-30T07:00", MOSCOW), Duration.ofHours(1))).isEqualTo(at("2026-11-30T10:00", MOSCOW));
        // exactly the rest of the day ends at closing time, not the next morning
        assertThat(cal.add(at("2026-11-30T09:00", MOSCOW), Duration.ofHours(9))).isEqualTo(at("2026-11-30T18:00", MOSCOW));
        // to the second
        assertThat(cal.add(at("2026-11-30T17:59:59", MOSCOW), Duration.ofSeconds(2))).isEqualTo(at("2026-12-01T09:00:01", MOSCOW));
        assertThat(cal.between(at("2026-11-27T17:00", MOSCOW), at("2026-11-30T10:00", MOSCOW))).isEqualTo(Duration.ofHours(2));
        assertThat(cal.between(at("2026-11-28T10:00", MOSCOW), at("2026-11-29T10:00", MOSCOW))).isZero();
    }

    @Test
    void zeroBusinessTimeOutsideTheHoursIsDueAtTheNextOpening() {
        BusinessCalendar cal = weekdays(MOSCOW, "09:00-18:00");

        assertThat(cal.add(at("2026-11-30T10:00", MOSCOW), Duration.ZERO)).isEqualTo(at("2026-11-30T10:00", MOSCOW));
        assertThat(cal.add(at("2026-11-30T07:00", MOSCOW), Duration.ZERO)).isEqualTo(at("2026-11-30T09:00", MOSCOW));
        assertThat(cal.add(at("2026-11-30T18:00", MOSCOW), Duration.ZERO)).isEqualTo(at("2026-12-01T09:00", MOSCOW));
        assertThat(cal.add(at("2026-11-28T12:00", MOSCOW), Duration.ZERO)).as("Saturday").isEqualTo(at("2026-11-30T09:00", MOSCOW));
    }

    @Test
    void twoShiftsADay() {
        BusinessCalendar cal = weekdays(MOSCOW, "09:00-15:00", "15:00-21:00");

        assertThat(cal.between(at("2026-11-30T00:00", MOSCOW), at("2026-12-01T00:00", MOSCOW))).isEqualTo(Duration.ofHours(12));
        assertThat(cal.add(at("2026-11-30T14:00", MOSCOW), Duration.ofHours(2))).isEqualTo(at("2026-11-30T16:00", MOSCOW));
    }

    @Test
    void nightShiftsRunPastMidnightAndBelongToTheDayTheyStart() {
        BusinessCalendar cal = weekdays(MOSCOW, "21:00-03:00");

        assertThat(cal.add(at("2026-11-30T22:00", MOSCOW), Duration.ofHours(4))).isEqualTo(at("2026-12-01T02:00", MOSCOW));
        // Friday's shift runs into Saturday 03:00; then nothing until Monday 21:00
        assertThat(cal.add(at("2026-11-27T23:00", MOSCOW), Duration.ofHours(5))).isEqualTo(at("2026-11-30T22:00", MOSCOW));
        // a start in the small hours of Saturday is inside Friday's shift
        assertThat(cal.isWorking(at("2026-11-28T02:00", MOSCOW))).isTrue();
        assertThat(cal.isWorking(at("2026-11-29T02:00", MOSCOW))).isFalse();
    }

    @Test
    void explicitHolidaysAndExtraWorkingDays() {
        LocalDate holiday = LocalDate.parse("2026-12-01"); // a Tuesday off
        LocalDate workedSaturday = LocalDate.parse("2026-12-05");
        BusinessCalendar cal = calendar(MOSCOW, BusinessCalendar.Holidays.of(Set.of(holiday)),
                Map.of(workedSaturday, List.of(WorkingHours.parse("10:00-14:00"))), "09:00-18:00");

        assertThat(cal.add(at("2026-11-30T17:00", MOSCOW), Duration.ofHours(2))).isEqualTo(at("2026-12-02T10:00", MOSCOW));
        assertThat(cal.add(at("2026-12-04T17:00", MOSCOW), Duration.ofHours(2))).isEqualTo(at("2026-12-05T11:00", MOSCOW));
    }

    @Test
    void russianPublicHolidaysFromJollyday() {
        JollydayHolidays ru = new JollydayHolidays("ru", null);
        assertThat(ru.isHoliday(LocalDate.parse("2027-01-01"))).isTrue();
        assertThat(ru.isHoliday(LocalDate.parse("2027-01-07"))).isTrue();
        assertThat(ru.isHoliday(LocalDate.parse("2027-05-09"))).isTrue();
        assertThat(ru.isHoliday(LocalDate.parse("2026-12-30"))).isFalse();

        // Jollyday knows the statutory dates; the New Year break and the yearly transfer days are
        // declared as explicit dates in the calendar file (see docs/sla.md).
        BusinessCalendar.Holidays newYearBreak = BusinessCalendar.Holidays.of(Set.of(
                LocalDate.parse("2027-01-04"), LocalDate.parse("2027-01-05"), LocalDate.parse("2027-01-06"),
                LocalDate.parse("2027-01-08")));
        BusinessCalendar cal = calendar(MOSCOW, ru.or(newYearBreak), Map.of(), "09:00-18:00");
        assertThat(cal.add(at("2026-12-31T17:00", MOSCOW), Duration.ofHours(2))).isEqualTo(at("2027-01-11T10:00", MOSCOW));
        assertThatThrownBy(() -> new JollydayHolidays("atlantis", null)).hasMessageContaining("atlantis");
    }

    @Test
    void daylightSavingChangesAreRealTime() {
        BusinessCalendar allDay = BusinessCalendar.twentyFourSeven("24x7", BERLIN);
        // 2026-03-29: clocks go forward, the day has 23 hours
        assertThat(allDay.between(at("2026-03-29T00:00", BERLIN), at("2026-03-30T00:00", BERLIN))).isEqualTo(Duration.ofHours(23));
        // 2026-10-25: clocks go back, the day has 25 hours
        assertThat(allDay.between(at("2026-10-25T00:00", BERLIN), at("2026-10-26T00:00", BERLIN))).isEqualTo(Duration.ofHours(25));

        BusinessCalendar night = new BusinessCalendar("night", BERLIN,
                Map.of(DayOfWeek.SATURDAY, List.of(WorkingHours.parse("22:00-06:00"))), BusinessCalendar.Holidays.NONE, Map.of());
        // the Saturday night shift over the spring change lasts 7 hours, over the autumn change 9
        assertThat(night.between(at("2026-03-28T00:00", BERLIN), at("2026-03-30T00:00", BERLIN))).isEqualTo(Duration.ofHours(7));
        assertThat(night.between(at("2026-10-24T00:00", BERLIN), at("2026-10-26T00:00", BERLIN))).isEqualTo(Duration.ofHours(9));
        assertThat(night.add(at("2026-03-28T22:00", BERLIN), Duration.ofHours(7))).isEqualTo(at("2026-03-29T06:00", BERLIN));
    }

    @Test
    void addThenBetweenIsTheIdentity() {
        Random random = new Random(20261123);
        List<BusinessCalendar> calendars = List.of(
                BusinessCalendar.twentyFourSeven("24x7", BERLIN),
                weekdays(BERLIN, "09:00-18:00"),
                weekdays(ZoneId.of("America/New_York"), "08:00-12:00", "13:00-17:30"),
                weekdays(BERLIN, "21:00-03:00"),
                calendar(MOSCOW, new JollydayHolidays("ru", null), Map.of(), "09:00-15:00", "15:00-21:00"));
        Instant base = at("2026-01-01T00:00", BERLIN);
        for (int i = 0; i < 3000; i++) {
            BusinessCalendar cal = calendars.get(random.nextInt(calendars.size()));
            Instant start = base.plusSeconds(random.nextInt(2 * 365 * 24 * 3600));
            Duration d = Duration.ofSeconds(random.nextInt(30 * 24 * 3600));

            Instant end = cal.add(start, d);

            assertThat(cal.between(start, end)).as("%s from %s plus %s", cal.id(), start, d).isEqualTo(d);
            assertThat(end).isAfterOrEqualTo(start);
        }
    }

    @Test
    void badRangesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> WorkingHours.parse("9-18")).hasMessageContaining("not a range");
        assertThatThrownBy(() -> WorkingHours.parse("25:00-26:00")).hasMessageContaining("invalid time");
        assertThatThrownBy(() -> WorkingHours.parse("09:00-09:00")).hasMessageContaining("empty");
        assertThatThrownBy(() -> weekdays(MOSCOW).add(Instant.EPOCH, Duration.ofHours(1)))
                .hasMessageContaining("no working time");
    }
}
