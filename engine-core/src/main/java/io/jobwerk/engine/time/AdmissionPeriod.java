package io.jobwerk.engine.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * A window of local time in which something is admitted: recurring every day, week or month
 * ({@link Cyclic}), or once ({@link SpecificDatePeriod}). JS7's periods, with its JSON names.
 */
public sealed interface AdmissionPeriod permits AdmissionPeriod.Cyclic, AdmissionPeriod.SpecificDatePeriod {

    int DAY = 24 * 3600;
    int WEEK = 7 * DAY;

    enum Kind { DAILY, WEEKDAY, MONTHLY_DATE, MONTHLY_LAST_DATE, MONTHLY_WEEKDAY, MONTHLY_LAST_WEEKDAY, SPECIFIC_DATE }

    Kind kind();

    Duration duration();

    /** The start of the latest window that starts at or before the local time {@code t}; empty when none does. */
    Optional<LocalDateTime> latestStartAtOrBefore(LocalDateTime t);

    /** The start of the first window that starts after the local time {@code t}; empty when none does. */
    Optional<LocalDateTime> firstStartAfter(LocalDateTime t);

    /** A period with one window in each day, week or month. */
    sealed interface Cyclic extends AdmissionPeriod permits DailyPeriod, WeekdayPeriod, Monthly {

        /** The start of the window of the cycle (day, week or month) that contains or, if it starts later, precedes {@code t}. */
        LocalDateTime cycleStartAtOrBefore(LocalDateTime t);

        /** The start of the window in the next cycle after the one starting at {@code start}. */
        LocalDateTime nextCycleStart(LocalDateTime start);

        @Override
        default Optional<LocalDateTime> latestStartAtOrBefore(LocalDateTime t) {
            return Optional.of(cycleStartAtOrBefore(t));
        }

        @Override
        default Optional<LocalDateTime> firstStartAfter(LocalDateTime t) {
            return Optional.of(nextCycleStart(cycleStartAtOrBefore(t)));
        }
    }

    /** A period with one window in each month, found by {@link #startIn}. */
    sealed interface Monthly extends Cyclic permits MonthlyDatePeriod, MonthlyLastDatePeriod, MonthlyWeekdayPeriod, MonthlyLastWeekdayPeriod {

        /** The start of the window in this month. */
        LocalDateTime startIn(YearMonth month);

        @Override
        default LocalDateTime cycleStartAtOrBefore(LocalDateTime t) {
            LocalDateTime start = startIn(YearMonth.from(t));
            return start.isAfter(t) ? startIn(YearMonth.from(t).minusMonths(1)) : start;
        }

        @Override
        default LocalDateTime nextCycleStart(LocalDateTime start) {
            return startIn(YearMonth.from(start).plusMonths(1));
        }
    }

    /** Every day at {@code secondOfDay} local time, for {@code duration}. */
    record DailyPeriod(int secondOfDay, Duration duration) implements Cyclic {
        public DailyPeriod {
            if (secondOfDay < 0 || secondOfDay >= DAY) {
                throw new IllegalArgumentException("secondOfDay must be in 0..86399: " + secondOfDay);
            }
            requirePositive(duration);
        }

        @Override
        public Kind kind() {
            return Kind.DAILY;
        }

        @Override
        public LocalDateTime cycleStartAtOrBefore(LocalDateTime t) {
            LocalDateTime start = t.toLocalDate().atStartOfDay().plusSeconds(secondOfDay);
            return start.isAfter(t) ? start.minusDays(1) : start;
        }

        @Override
        public LocalDateTime nextCycleStart(LocalDateTime start) {
            return start.plusDays(1);
        }
    }

    /** Every week at {@code secondOfWeek} counted from Monday 00:00 local time, for {@code duration}. */
    record WeekdayPeriod(int secondOfWeek, Duration duration) implements Cyclic {
        public WeekdayPeriod {
            if (secondOfWeek < 0 || secondOfWeek >= WEEK) {
                throw new IllegalArgumentException("secondOfWeek must be in 0..604799: " + secondOfWeek);
            }
            requirePositive(duration);
        }

        @Override
        public Kind kind() {
            return Kind.WEEKDAY;
        }

        @Override
        public LocalDateTime cycleStartAtOrBefore(LocalDateTime t) {
            LocalDateTime monday = t.toLocalDate().minusDays(t.getDayOfWeek().getValue() - 1L).atStartOfDay();
            LocalDateTime start = monday.plusSeconds(secondOfWeek);
            return start.isAfter(t) ? start.minusWeeks(1) : start;
        }

        @Override
        public LocalDateTime nextCycleStart(LocalDateTime start) {
            return start.plusWeeks(1);
        }
    }

    /**
     * Every month at {@code secondOfMonth} counted from the 1st 00:00 local time, for {@code duration}
     * (JS7's {@code MonthlyDatePeriod}). A day the month does not have (the 31st in April) falls on
     * the month's last day at the same time of day.
     */
    record MonthlyDatePeriod(int secondOfMonth, Duration duration) implements Monthly {
        public MonthlyDatePeriod {
            if (secondOfMonth < 0 || secondOfMonth >= 31 * DAY) {
                throw new IllegalArgumentException("secondOfMonth must be in 0..2678399: " + secondOfMonth);
            }
            requirePositive(duration);
        }

        @Override
        public Kind kind() {
            return Kind.MONTHLY_DATE;
        }

        @Override
        public LocalDateTime startIn(YearMonth month) {
            int day = Math.min(secondOfMonth / DAY + 1, month.lengthOfMonth());
            return month.atDay(day).atStartOfDay().plusSeconds(secondOfMonth % DAY);
        }
    }

    /**
     * Every month at {@code lastSecondOfMonth} (negative) counted back from the end of the month, for
     * {@code duration} (JS7's {@code MonthlyLastDatePeriod}, the "ultimo"): -86400 is the last day at
     * 00:00, -3600 the last day at 23:00. At most 28 days back, so every month has the day.
     */
    record MonthlyLastDatePeriod(int lastSecondOfMonth, Duration duration) implements Monthly {
        public MonthlyLastDatePeriod {
            if (lastSecondOfMonth >= 0 || lastSecondOfMonth < -28 * DAY) {
                throw new IllegalArgumentException("lastSecondOfMonth must be in -2419200..-1: " + lastSecondOfMonth);
            }
            requirePositive(duration);
        }

        @Override
        public Kind kind() {
            return Kind.MONTHLY_LAST_DATE;
        }

        @Override
        public LocalDateTime startIn(YearMonth month) {
            return month.plusMonths(1).atDay(1).atStartOfDay().plusSeconds(lastSecondOfMonth);
        }
    }

    /**
     * The n-th weekday of every month (n = 1 … 4) at a time of day, for {@code duration} (JS7's
     * {@code MonthlyWeekdayPeriod}): {@code secondOfWeeks} = (n − 1) weeks + the weekday's days from
     * Monday + the second of the day; the second Thursday at 03:00 is 874800.
     */
    record MonthlyWeekdayPeriod(int secondOfWeeks, Duration duration) implements Monthly {
        public MonthlyWeekdayPeriod {
            if (secondOfWeeks < 0 || secondOfWeeks >= 4 * WEEK) {
                throw new IllegalArgumentException("secondOfWeeks must be in 0..2419199: " + secondOfWeeks);
            }
            requirePositive(duration);
        }

        public static MonthlyWeekdayPeriod of(int nth, DayOfWeek day, int secondOfDay, Duration duration) {
            return new MonthlyWeekdayPeriod((nth - 1) * WEEK + (day.getValue() - 1) * DAY + secondOfDay, duration);
        }

        /** 1 for the first such weekday of the month … 4 for the fourth. */
        public int nth() {
            return secondOfWeeks / WEEK + 1;
        }

        public DayOfWeek dayOfWeek() {
            return DayOfWeek.of(secondOfWeeks / DAY % 7 + 1);
        }

        public int secondOfDay() {
            return secondOfWeeks % DAY;
        }

        @Override
        public Kind kind() {
            return Kind.MONTHLY_WEEKDAY;
        }

        @Override
        public LocalDateTime startIn(YearMonth month) {
            return month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(nth(), dayOfWeek())).atStartOfDay().plusSeconds(secondOfDay());
        }
    }

    /**
     * The n-th last weekday of every month (n = 1 for the last … 4) at a time of day, for
     * {@code duration} (JS7's {@code MonthlyLastWeekdayPeriod}): {@code secondOfWeeks} (negative) =
     * −n weeks + the weekday's days from Monday + the second of the day; the second last Friday at
     * 03:00 is −853200.
     */
    record MonthlyLastWeekdayPeriod(int secondOfWeeks, Duration duration) implements Monthly {
        public MonthlyLastWeekdayPeriod {
            if (secondOfWeeks >= 0 || secondOfWeeks <= -4 * WEEK) {
                throw new IllegalArgumentException("secondOfWeeks must be in -2419199..-1: " + secondOfWeeks);
            }
            requirePositive(duration);
        }

        public static MonthlyLastWeekdayPeriod of(int nthLast, DayOfWeek day, int secondOfDay, Duration duration) {
            return new MonthlyLastWeekdayPeriod(-nthLast * WEEK + (day.getValue() - 1) * DAY + secondOfDay, duration);
        }

        /** 1 for the last such weekday of the month, 2 for the one before … */
        public int nthLast() {
            return 1 - (secondOfWeeks + 1) / WEEK; // division truncates towards zero: -1 … -WEEK are the last week
        }

        public DayOfWeek dayOfWeek() {
            return DayOfWeek.of((secondOfWeeks + 5 * WEEK) / DAY % 7 + 1);
        }

        public int secondOfDay() {
            return (secondOfWeeks + 5 * WEEK) % DAY;
        }

        @Override
        public Kind kind() {
            return Kind.MONTHLY_LAST_WEEKDAY;
        }

        @Override
        public LocalDateTime startIn(YearMonth month) {
            return month.atEndOfMonth().with(TemporalAdjusters.lastInMonth(dayOfWeek())).minusWeeks(nthLast() - 1L)
                    .atStartOfDay().plusSeconds(secondOfDay());
        }
    }

    /**
     * Once, at a local date and time given as seconds since 1970-01-01T00:00 local time, for
     * {@code duration} (JS7's {@code SpecificDatePeriod}).
     */
    record SpecificDatePeriod(long secondsSinceLocalEpoch, Duration duration) implements AdmissionPeriod {
        public SpecificDatePeriod {
            requirePositive(duration);
        }

        public static SpecificDatePeriod of(LocalDateTime start, Duration duration) {
            return new SpecificDatePeriod(start.toEpochSecond(ZoneOffset.UTC), duration);
        }

        public LocalDateTime start() {
            return LocalDateTime.ofEpochSecond(secondsSinceLocalEpoch, 0, ZoneOffset.UTC);
        }

        @Override
        public Kind kind() {
            return Kind.SPECIFIC_DATE;
        }

        @Override
        public Optional<LocalDateTime> latestStartAtOrBefore(LocalDateTime t) {
            return Optional.of(start()).filter(s -> !s.isAfter(t));
        }

        @Override
        public Optional<LocalDateTime> firstStartAfter(LocalDateTime t) {
            return Optional.of(start()).filter(s -> s.isAfter(t));
        }
    }

    private static void requirePositive(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }
}
