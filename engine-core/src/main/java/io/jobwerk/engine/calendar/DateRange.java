package io.jobwerk.engine.calendar;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** JOC's optional {@code from}/{@code to} on a calendar or a frequency: both ends included. */
public record DateRange(Optional<LocalDate> from, Optional<LocalDate> to) {

    public static final DateRange ALWAYS = new DateRange(Optional.empty(), Optional.empty());

    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("'to' " + to.get() + " lies before 'from' " + from.get());
        }
    }

    public boolean contains(LocalDate date) {
        return from.map(f -> !date.isBefore(f)).orElse(true) && to.map(t -> !date.isAfter(t)).orElse(true);
    }
}
