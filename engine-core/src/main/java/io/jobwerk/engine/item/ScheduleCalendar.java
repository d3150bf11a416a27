package io.jobwerk.engine.item;

import io.jobwerk.engine.calendar.Frequencies;
import io.jobwerk.engine.calendar.Period;
import io.jobwerk.engine.path.CalendarPath;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One of a schedule's {@code calendars}: a working-day calendar, the zone its days and times are read
 * in, restrictions of its days ({@code includes}/{@code excludes}, counted in the calendar's days), the
 * non-working-day calendars that exclude days, and the periods that start orders on each day left.
 */
public record ScheduleCalendar(CalendarPath calendarName, ZoneId timeZone, Frequencies includes, Frequencies excludes,
                               List<CalendarPath> nonWorkingDayCalendars, List<Period> periods) {

    public ScheduleCalendar {
        Objects.requireNonNull(calendarName, "calendarName");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(includes, "includes");
        Objects.requireNonNull(excludes, "excludes");
        nonWorkingDayCalendars = List.copyOf(nonWorkingDayCalendars);
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a schedule's calendar needs at least one period");
        }
    }
}
