package io.jobwerk.engine.motor;

import io.jobwerk.engine.order.CycleState;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Pure time arithmetic of a {@code Cycle}'s {@link Schedule} in a time zone.
 *
 * <ul>
 *   <li>{@code Periodic(period, offsets)}: starts at {@code dayStart + k·period + offset} (dayStart =
 *       local midnight of the day of the admission interval's start), inside the interval;
 *   <li>{@code Ticking(interval)}: starts at {@code intervalStart + k·interval}; missed ticks are skipped;
 *   <li>{@code Continuous(pause, limit)}: starts at once, then {@code pause} after each cycle's end,
 *       at most {@code limit} cycles per admission interval.
 * </ul>
 * The first cycle is the earliest start at or after now in the current or next admission interval
 * (about a week ahead at most), over all schemes. When an interval is used up, the cycle goes on in
 * a later interval only if that one starts on the same local day as the last cycle and
 * {@code onlyOnePeriod} is false; otherwise the Cycle ends.
 */
public final class CycleCalculator {
    private static final int MAX_INTERVALS = 16;

    private CycleCalculator() {}

    /** The first cycle from {@code now}, or empty when the schedule admits none. */
    public static Optional<CycleState> first(Schedule schedule, Instant now, ZoneId zone) {
        CycleState best = null;
        for (int s = 0; s < schedule.schemes().size(); s++) {
            Optional<CycleState> c = firstOfScheme(schedule, s, now, zone);
            if (c.isPresent() && (best == null || c.get().next().isBefore(best.next()))) {
                best = c.get();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<CycleState> firstOfScheme(Schedule schedule, int s, Instant from, ZoneId zone) {
        Schedule.Scheme scheme = schedule.schemes().get(s);
        Instant t = from;
        for (int i = 0; i < MAX_INTERVALS; i++) {
            Optional<AdmissionTimeScheme.Interval> interval = scheme.admissionTimeScheme().currentOrNextInterval(t, zone);
            if (interval.isEmpty()) {
                return Optional.empty();
            }
            AdmissionTimeScheme.Interval iv = interval.get();
            Instant lower = max(from, iv.start());
            Optional<Instant> start = candidate(scheme.repeat(), iv.start(), lower, zone);
            if (start.isPresent() && start.get().isBefore(iv.end())) {
                return Optional.of(new CycleState(iv.end(), s, scheme.admissionTimeScheme().periodIndexOf(iv, zone), 1,
                        dueAtOnce(scheme.repeat(), start.get(), from)));
            }
            t = iv.end();
        }
        return Optional.empty();
    }

    /** The cycle after the one of {@code current} that ended {@code now}, or empty when the Cycle ends. */
    public static Optional<CycleState> next(Schedule schedule, CycleState current, Instant now, ZoneId zone,
                                            boolean onlyOnePeriod) {
        Schedule.Repeat repeat = schedule.schemes().get(current.schemeIndex()).repeat();
        Optional<Instant> start;
        switch (repeat.kind()) {
            case CONTINUOUS -> {
                var c = (Schedule.Continuous) repeat;
                start = c.limit().isPresent() && current.index() >= c.limit().get()
                        ? Optional.empty() : Optional.of(now.plus(c.pause()));
            }
            case TICKING -> {
                Duration interval = ((Schedule.Ticking) repeat).interval();
                Instant lower = max(now, current.next().plusMillis(1));
                long k = ceilDiv(Duration.between(current.next(), lower).toMillis(), interval.toMillis());
                start = Optional.of(current.next().plusMillis(k * interval.toMillis()));
            }
            case PERIODIC -> {
                Instant lower = max(now, current.next().plusMillis(1));
                start = periodic((Schedule.Periodic) repeat, lower, zone);
            }
            default -> throw new AssertionError(repeat);
        }
        if (start.isPresent() && start.get().isBefore(current.end())) {
            return Optional.of(new CycleState(current.end(), current.schemeIndex(), current.periodIndex(), current.index() + 1,
                    dueAtOnce(repeat, start.get(), now)));
        }
        if (onlyOnePeriod) {
            return Optional.empty();
        }
        LocalDate day = (current.next().equals(Instant.EPOCH) ? now : current.next()).atZone(zone).toLocalDate();
        return first(schedule, max(now, current.end()), zone)
                .filter(c -> c.next().atZone(zone).toLocalDate().equals(day));
    }

    /** As JS7: a Continuous cycle due now has no time of its own ({@link Instant#EPOCH}). */
    private static Instant dueAtOnce(Schedule.Repeat repeat, Instant start, Instant now) {
        return repeat.kind() == Schedule.Repeat.Kind.CONTINUOUS && !start.isAfter(now) ? Instant.EPOCH : start;
    }

    private static Optional<Instant> candidate(Schedule.Repeat repeat, Instant intervalStart, Instant lower, ZoneId zone) {
        switch (repeat.kind()) {
            case CONTINUOUS:
                return Optional.of(lower);
            case TICKING: {
                long interval = ((Schedule.Ticking) repeat).interval().toMillis();
                long k = ceilDiv(Duration.between(intervalStart, lower).toMillis(), interval);
                return Optional.of(intervalStart.plusMillis(k * interval));
            }
            case PERIODIC:
                return periodic((Schedule.Periodic) repeat, max(lower, intervalStart), zone, intervalStart);
        }
        throw new AssertionError(repeat);
    }

    private static Optional<Instant> periodic(Schedule.Periodic periodic, Instant lower, ZoneId zone) {
        return periodic(periodic, lower, zone, lower);
    }

    /** The earliest {@code dayStart + k·period + offset ≥ lower}, dayStart from the local day of {@code dayOf}. */
    private static Optional<Instant> periodic(Schedule.Periodic periodic, Instant lower, ZoneId zone, Instant dayOf) {
        LocalDate day = dayOf.atZone(zone).toLocalDate();
        Instant best = null;
        for (LocalDate d : new LocalDate[] {day.minusDays(1), day}) {
            Instant dayStart = d.atStartOfDay(zone).toInstant();
            long period = periodic.period().toMillis();
            for (Duration offset : periodic.offsets()) {
                Instant base = dayStart.plus(offset);
                long k = Math.max(0, ceilDiv(Duration.between(base, lower).toMillis(), period));
                Instant c = base.plusMillis(k * period);
                if (best == null || c.isBefore(best)) {
                    best = c;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
