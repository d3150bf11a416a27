package io.jobwerk.engine.time;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Objects;

/** A recurring window of local time in which something is admitted. */
public sealed interface AdmissionPeriod permits AdmissionPeriod.DailyPeriod, AdmissionPeriod.WeekdayPeriod,
        AdmissionPeriod.MonthlyDatePeriod, AdmissionPeriod.MonthlyLastDatePeriod {

    enum Kind { DAILY, WEEKDAY, MONTHLY_DATE, MONTHLY_LAST_DATE }

    Kind kind();

    Duration duration();

    /** The start of the window that contains or follows the local time {@code t}, measured in the period's own cycle. */
    LocalDateTime latestStartAtOrBefore(LocalDateTime t);

    /** The start of the window in the period's next cycle (next day, week or month) after the one starting at {@code start}. */
    LocalDateTime nextStart(LocalDateTime start);

    /** Every day at {@code secondOfDay} local time, for {@code duration}. */
    record DailyPeriod(int secondOfDay, Duration duration) implements AdmissionPeriod {
        public DailyPeriod {
            if (secondOfDay < 0 || secondOfDay >= 24 * 3600) {
                throw new IllegalArgumentException("secondOfDay must be in 0..86399: " + secondOfDay);
            }
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive");
            }
        }

        @Override
        public Kind kind() {
            return Kind.DAILY;
        }

        @Override
        public LocalDateTime latestStartAtOrBefore(LocalDateTime t) {
            LocalDateTime start = t.toLocalDate().atStartOfDay().plusSeconds(secondOfDay);
            return start.isAfter(t) ? start.minusDays(1) : start;
        }

        @Override
        public LocalDateTime nextStart(LocalDateTime start) {
            return start.plusDays(1);
        }
    }

    /** Every week at {@code secondOfWeek} counted from Monday 00:00 local time, for {@code duration}. */
    record WeekdayPeriod(int secondOfWeek, Duration duration) implements AdmissionPeriod {
        public WeekdayPeriod {
            if (secondOfWeek < 0 || secondOfWeek >= 7 * 24 * 3600) {
                throw new IllegalArgumentException("secondOfWeek must be in 0..604799: " + secondOfWeek);
            }
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive");
            }
        }

        @Override
        public Kind kind() {
            return Kind.WEEKDAY;
        }

        @Override
        public LocalDateTime latestStartAtOrBefore(LocalDateTime t) {
            LocalDateTime monday = t.toLocalDate().minusDays(t.getDayOfWeek().getValue() - 1L).atStartOfDay();
            LocalDateTime start = monday.plusSeconds(secondOfWeek);
            return start.isAfter(t) ? start.minusWeeks(1) : start;
        }

        @Override
        public LocalDateTime nextStart(LocalDateTime start) {
            return start.plusWeeks(1);
        }
    }

    /**
     * Every month at {@code secondOfMonth} counted from the 1st 00:00 local time, for {@code duration}
     * (JS7's {@code MonthlyDatePeriod}). A day the month does not have (the 31st in April) falls on
     * the month's last day at the same time of day.
     */
    record MonthlyDatePeriod(int secondOfMonth, Duration duration) implements AdmissionPeriod {
        public MonthlyDatePeriod {
            if (secondOfMonth < 0 || secondOfMonth >= 31 * 24 * 3600) {
                throw new IllegalArgumentException("secondOfMonth must be in 0..2678399: " + secondOfMonth);
            }
            requirePositive(duration);
        }

        @Override
        public Kind kind() {
            return Kind.MONTHLY_DATE;
        }

        @Override
        public LocalDateTime latestStartAtOrBefore(LocalDateTime t) {
            LocalDateTime start = startIn(YearMonth.from(t));
            return start.isAfter(t) ? startIn(YearMonth.from(t).minusMonths(1)) : start;
        }

        @Override
        public LocalDateTime nextStart(LocalDateTime start) {
            return startIn(YearMonth.from(start).plusMonths(1));
        }

        private LocalDateTime startIn(YearMonth month) {
            int day = Math.min(secondOfMonth / (24 * 3600) + 1, month.lengthOfMonth());
            return month.atDay(day).atStartOfDay().plusSeconds(secondOfMonth % (24 * 3600));
        }
    }

    /**
     * Every month at {@code lastSecondOfMonth} (negative) counted back from the end of the month, for
     * {@code duration} (JS7's {@code MonthlyLastDatePeriod}, the "ultimo"): -86400 is the last day at
     * 00:00, -3600 the last day at 23:00. At most 28 days back, so every month has the day.
     */
    record MonthlyLastDatePeriod(int lastSecondOfMonth, Duration duration) implements AdmissionPeriod {
        public MonthlyLastDatePeriod {
            if (lastSecondOfMonth >= 0 || lastSecondOfMonth < -28 * 24 * 3600) {
                throw new IllegalArgumentException("lastSecondOfMonth must be in -2419200..-1: " + lastSecondOfMonth);
            }
            requirePositive(duration);
        }

        @Override
        public Kind kind() {
            return Kind.MONTHLY_LAST_DATE;
        }

        @Override
        public LocalDateTime latestStartAtOrBefore(LocalDateTime t) {
            LocalDateTime start = startIn(YearMonth.from(t));
            return start.isAfter(t) ? startIn(YearMonth.from(t).minusMonths(1)) : start;
        }

        @Override
        public LocalDateTime nextStart(LocalDateTime start) {
            return startIn(YearMonth.from(start).plusMonths(1));
        }

        private LocalDateTime startIn(YearMonth month) {
            return month.plusMonths(1).atDay(1).atStartOfDay().plusSeconds(lastSecondOfMonth);
        }
    }

    private static void requirePositive(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }
}
