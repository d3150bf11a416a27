package io.jobwerk.engine.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * JOC's frequencies: which days a calendar's {@code includes} or {@code excludes} name. A day is named
 * when any rule names it. Month days and ultimos count in a {@link DayBase}: every day of the month in
 * a calendar, the calendar's own days in a schedule's restriction (so "the 1st" there is the first
 * working day).
 *
 * @param dates single days
 * @param holidays JOC's holiday lists: single days as well
 * @param weekdays days of the week, each rule with its own range
 * @param monthdays days of the month (1 = the first) and weekly days ("the 2nd Tuesday")
 * @param ultimos the same counted from the month's end (1 = the last day, the last Friday)
 * @param months the rules above limited to some months
 * @param repetitions every n-th day, week, month or year from a start day
 */
public record Frequencies(List<LocalDate> dates, List<LocalDate> holidays, List<Weekdays> weekdays,
                          List<MonthDays> monthdays, List<MonthDays> ultimos, List<Months> months,
                          List<Repetition> repetitions) {

    public static final Frequencies NONE = new Frequencies(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of());

    public Frequencies {
        dates = List.copyOf(dates);
        holidays = List.copyOf(holidays);
        weekdays = List.copyOf(weekdays);
        monthdays = List.copyOf(monthdays);
        ultimos = List.copyOf(ultimos);
        months = List.copyOf(months);
        repetitions = List.copyOf(repetitions);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Whether a rule names the day. */
    public boolean names(LocalDate day, DayBase base) {
        return dates.contains(day) || holidays.contains(day)
                || weekdays.stream().anyMatch(w -> w.names(day))
                || monthdays.stream().anyMatch(m -> m.namesFromStart(day, base))
                || ultimos.stream().anyMatch(m -> m.namesFromEnd(day, base))
                || months.stream().anyMatch(m -> m.names(day, base))
                || repetitions.stream().anyMatch(r -> r.names(day));
    }

    /** Days of the week (JOC numbers them 0 or 7 = Sunday, 1 = Monday … 6 = Saturday). */
    public record Weekdays(Set<DayOfWeek> days, DateRange range) {
        public Weekdays {
            days = Set.copyOf(days);
            Objects.requireNonNull(range, "range");
        }

        boolean names(LocalDate day) {
            return range.contains(day) && days.contains(day.getDayOfWeek());
        }
    }

    /** "The {@code weekOfMonth}-th {@code day} of the month" (from the end in ultimos). */
    public record WeeklyDay(DayOfWeek day, int weekOfMonth) {
        public WeeklyDay {
            Objects.requireNonNull(day, "day");
            if (weekOfMonth < 1 || weekOfMonth > 5) {
                throw new IllegalArgumentException("weekOfMonth must be 1 to 5, found " + weekOfMonth);
            }
        }
    }

    /** Days of the month (1 to 31) and weekly days; in ultimos both count from the month's end. */
    public record MonthDays(List<Integer> days, List<WeeklyDay> weeklyDays, DateRange range) {
        public MonthDays {
            days = List.copyOf(days);
            weeklyDays = List.copyOf(weeklyDays);
            Objects.requireNonNull(range, "range");
            for (int d : days) {
                if (d < 1 || d > 31) {
                    throw new IllegalArgumentException("a day of the month must be 1 to 31, found " + d);
                }
            }
        }

        boolean namesFromStart(LocalDate day, DayBase base) {
            return range.contains(day) && base.contains(day)
                    && (days.contains(base.indexInMonth(day))
                    || weeklyDays.stream().anyMatch(w -> w.day() == day.getDayOfWeek() && w.weekOfMonth() == base.weekdayIndexInMonth(day)));
        }

        boolean namesFromEnd(LocalDate day, DayBase base) {
            return range.contains(day) && base.contains(day)
                    && (days.contains(base.indexFromMonthEnd(day))
                    || weeklyDays.stream().anyMatch(w -> w.day() == day.getDayOfWeek() && w.weekOfMonth() == base.weekdayIndexFromMonthEnd(day)));
        }
    }

    /** Rules that hold in some months only; with no rule, every day of those months. */
    public record Months(Set<Month> months, List<Weekdays> weekdays, List<MonthDays> monthdays, List<MonthDays> ultimos,
                         DateRange range) {
        public Months {
            months = Set.copyOf(months);
            weekdays = List.copyOf(weekdays);
            monthdays = List.copyOf(monthdays);
            ultimos = List.copyOf(ultimos);
            Objects.requireNonNull(range, "range");
        }

        boolean names(LocalDate day, DayBase base) {
            if (!range.contains(day) || !months.contains(day.getMonth())) {
                return false;
            }
            if (weekdays.isEmpty() && monthdays.isEmpty() && ultimos.isEmpty()) {
                return true;
            }
            return weekdays.stream().anyMatch(w -> w.names(day))
                    || monthdays.stream().anyMatch(m -> m.namesFromStart(day, base))
                    || ultimos.stream().anyMatch(m -> m.namesFromEnd(day, base));
        }
    }

    public enum RepetitionUnit { DAILY, WEEKLY, MONTHLY, YEARLY }

    /**
     * Every {@code step}-th day, week, month or year from {@code from}. A month or year without the
     * start's day takes its last day (the 31st becomes the 30th, 29 February the 28th).
     */
    public record Repetition(RepetitionUnit unit, int step, LocalDate from, DateRange range) {
        public Repetition {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(range, "range");
            if (step < 1) {
                throw new IllegalArgumentException("step must be at least 1, found " + step);
            }
        }

        boolean names(LocalDate day) {
            if (day.isBefore(from) || !range.contains(day)) {
                return false;
            }
            return switch (unit) {
                case DAILY -> ChronoUnit.DAYS.between(from, day) % step == 0;
                case WEEKLY -> ChronoUnit.DAYS.between(from, day) % (7L * step) == 0;
                case MONTHLY -> {
                    long months = ChronoUnit.MONTHS.between(from.withDayOfMonth(1), day.withDayOfMonth(1));
                    yield months % step == 0 && from.plusMonths(months).equals(day);
                }
                case YEARLY -> {
                    long years = (long) day.getYear() - from.getYear();
                    yield years % step == 0 && from.plusYears(years).equals(day);
                }
            };
        }
    }
}
