package io.jobwerk.engine.time;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/** A recurring window of local time in which something is admitted. */
public sealed interface AdmissionPeriod permits AdmissionPeriod.DailyPeriod, AdmissionPeriod.WeekdayPeriod {

    enum Kind { DAILY, WEEKDAY }

    Kind kind();

    Duration duration();

    /** The start of the window that contains or follows the local time {@code t}, measured in the period's own cycle. */
    LocalDateTime latestStartAtOrBefore(LocalDateTime t);

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
    }
}
