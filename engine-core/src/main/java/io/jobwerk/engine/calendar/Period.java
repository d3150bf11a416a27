package io.jobwerk.engine.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When on a planned day a schedule starts orders (JOC's {@code periods}): once at a time of day, or
 * repeatedly from {@code begin} to {@code end}. Times are local to the schedule's zone; a time that a
 * daylight-saving change skips moves forward by the gap (02:30 becomes 03:30 when clocks jump from 02:00
 * to 03:00), a time it repeats takes its first occurrence. A repeating period counts real time, so on
 * such a day it has one start fewer or more.
 */
public sealed interface Period {

    /** What a start on a non-working day does (JOC's {@code whenHoliday}). */
    enum WhenHoliday { SUPPRESS, IGNORE, PREVIOUSNONWORKINGDAY, NEXTNONWORKINGDAY }

    WhenHoliday whenHoliday();

    /** The starts on {@code day} in {@code zone}, in order. */
    List<Instant> starts(LocalDate day, ZoneId zone);

    /** {@code singleStart}: once, at a time of day (a duration since midnight, under 24 h). */
    record SingleStart(Duration at, WhenHoliday whenHoliday) implements Period {
        public SingleStart {
            requireTimeOfDay(at, "singleStart", false);
            Objects.requireNonNull(whenHoliday, "whenHoliday");
        }

        @Override
        public List<Instant> starts(LocalDate day, ZoneId zone) {
            return List.of(instant(day, at, zone));
        }
    }

    /** {@code begin}/{@code end}/{@code repeat}: every {@code repeat} from begin up to end (included; end may be 24:00). */
    record Repeating(Duration begin, Duration end, Duration repeat, WhenHoliday whenHoliday) implements Period {
        public Repeating {
            requireTimeOfDay(begin, "begin", false);
            requireTimeOfDay(end, "end", true);
            if (end.compareTo(begin) < 0) {
                throw new IllegalArgumentException("end " + end + " lies before begin " + begin);
            }
            if (repeat.isNegative() || repeat.isZero()) {
                throw new IllegalArgumentException("repeat must be positive");
            }
            Objects.requireNonNull(whenHoliday, "whenHoliday");
        }

        @Override
        public List<Instant> starts(LocalDate day, ZoneId zone) {
            Instant first = instant(day, begin, zone);
            Instant last = instant(day, end, zone);
            List<Instant> starts = new ArrayList<>();
            for (Instant t = first; !t.isAfter(last); t = t.plus(repeat)) {
                starts.add(t);
            }
            return starts;
        }
    }

    private static Instant instant(LocalDate day, Duration sinceMidnight, ZoneId zone) {
        LocalDateTime local = day.atStartOfDay().plus(sinceMidnight);
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private static void requireTimeOfDay(Duration time, String name, boolean endOfDayAllowed) {
        Objects.requireNonNull(time, name);
        Duration day = Duration.ofDays(1);
        if (time.isNegative() || time.compareTo(day) > 0 || (!endOfDayAllowed && time.equals(day))) {
            throw new IllegalArgumentException(name + " must be a time of day" + (endOfDayAllowed ? " up to 24:00:00" : ""));
        }
    }
}
