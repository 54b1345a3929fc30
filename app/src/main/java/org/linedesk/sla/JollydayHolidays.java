package org.linedesk.sla;

import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Public holidays of a country (and optionally a region) from the Jollyday library, e.g. {@code ru}
 * or {@code de} with region {@code by}. Computed once per year and kept.
 */
final class JollydayHolidays implements BusinessCalendar.Holidays {

    private final HolidayManager manager;
    private final String[] region;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    JollydayHolidays(String country, String region) {
        if (!HolidayManager.getSupportedCalendarCodes().contains(country.toUpperCase())
                && !HolidayManager.getSupportedCalendarCodes().contains(country.toLowerCase())) {
            throw new IllegalArgumentException("unknown holiday country '" + country + "'");
        }
        this.manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase()));
        this.region = region == null || region.isBlank() ? new String[0] : region.toLowerCase().split("/");
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return byYear.computeIfAbsent(date.getYear(), year -> manager.getHolidays(Year.of(year),
                HolidayType.PUBLIC_HOLIDAY, region).stream().map(Holiday::getActualDate).collect(Collectors.toUnmodifiableSet()))
                .contains(date);
    }
}
