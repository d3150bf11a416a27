package io.jobwerk.engine.time;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The schedule of a {@code Cycle} instruction: schemes of admission periods, each with how to repeat inside. */
public record Schedule(List<Scheme> schemes) {

    public Schedule {
        schemes = List.copyOf(schemes);
    }

    public record Scheme(AdmissionTimeScheme admissionTimeScheme, Repeat repeat) {
        public Scheme {
            Objects.requireNonNull(admissionTimeScheme, "admissionTimeScheme");
            Objects.requireNonNull(repeat, "repeat");
        }
    }

    /** How a cycle repeats inside an admission period. */
    public sealed interface Repeat permits Periodic, Ticking, Continuous {
        enum Kind { PERIODIC, TICKING, CONTINUOUS }

        Kind kind();
    }

    /** Starts at each {@code offset} within every {@code period} (counted from the start of the local day/period). */
    public record Periodic(Duration period, List<Duration> offsets) implements Repeat {
        public Periodic {
            Objects.requireNonNull(period, "period");
            offsets = List.copyOf(offsets);
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("Periodic.period must be positive");
            }
            if (offsets.isEmpty()) {
                throw new IllegalArgumentException("Periodic.offsets must not be empty");
            }
        }

        @Override
        public Kind kind() {
            return Kind.PERIODIC;
        }
    }

    /** Starts every {@code interval}, counted from the admission period's start. */
    public record Ticking(Duration interval) implements Repeat {
        public Ticking {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("Ticking.interval must be positive");
            }
        }

        @Override
        public Kind kind() {
            return Kind.TICKING;
        }
    }

    /** Starts again {@code pause} after the previous cycle ended, at most {@code limit} times. */
    public record Continuous(Duration pause, Optional<Integer> limit) implements Repeat {
        public Continuous {
            Objects.requireNonNull(pause, "pause");
            Objects.requireNonNull(limit, "limit");
            if (pause.isNegative()) {
                throw new IllegalArgumentException("Continuous.pause must not be negative");
            }
        }

        @Override
        public Kind kind() {
            return Kind.CONTINUOUS;
        }
    }
}
