package io.jobwerk.engine.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A set of admission periods in local time. Pure: the caller passes the instant and the zone.
 */
public record AdmissionTimeScheme(List<AdmissionPeriod> periods) {

    public AdmissionTimeScheme {
        periods = List.copyOf(periods);
    }

    /** A window of admission, [start, end). */
    public record Interval(Instant start, Instant end) {
        /**
         * The window from the local start time, lasting {@code duration} of real time (as JS7's
         * {@code LocalInterval.toTimeInterval}): a window that crosses a DST change keeps its length,
         * and one starting in the spring-forward gap starts after the gap instead of being empty.
         */
        static Interval of(LocalDateTime localStart, java.time.Duration duration, ZoneId zone) {
            Instant start = localStart.atZone(zone).toInstant();
            return new Interval(start, start.plus(duration));
        }

        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /** The window that contains {@code now}, if any. */
    public Optional<Interval> currentInterval(Instant now, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        Interval best = null;
        for (AdmissionPeriod p : periods) {
            Optional<Interval> interval = p.latestStartAtOrBefore(local).map(start -> Interval.of(start, p.duration(), zone));
            if (interval.isPresent() && interval.get().contains(now) && (best == null || interval.get().end().isAfter(best.end()))) {
                best = interval.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The window that contains {@code now}, or else the next one to start after it (within three cycles of each period). */
    public Optional<Interval> currentOrNextInterval(Instant now, ZoneId zone) {
        Optional<Interval> current = currentInterval(now, zone);
        if (current.isPresent()) {
            return current;
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        Interval best = null;
        for (AdmissionPeriod p : periods) {
            LocalDateTime after = local;
            for (int i = 0; i < 3; i++) { // a local start after a local time may still be earlier when the clocks go back
                Optional<LocalDateTime> start = p.firstStartAfter(after);
                if (start.isEmpty()) {
                    break;
                }
                Instant s = start.get().atZone(zone).toInstant();
                if (s.isAfter(now)) {
                    if (best == null || s.isBefore(best.start())) {
                        best = Interval.of(start.get(), p.duration(), zone);
                    }
                    break;
                }
                after = start.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Which of the periods gives this interval (JS7's {@code periodIndex} of a cycle); 0 when none does. */
    public int periodIndexOf(Interval interval, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(interval.start(), zone);
        for (int i = 0; i < periods.size(); i++) {
            AdmissionPeriod p = periods.get(i);
            if (p.latestStartAtOrBefore(local).map(start -> Interval.of(start, p.duration(), zone)).equals(Optional.of(interval))) {
                return i;
            }
        }
        return 0;
    }

    public boolean isAdmitted(Instant now, ZoneId zone) {
        return currentInterval(now, zone).isPresent();
    }
}
