package io.jobwerk.runtime;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decision on the current state yields: the events to persist and the answer to the caller.
 *
 * @param timestamps for each event, the time it happened elsewhere (a mirrored Agent event keeps the
 *                   Agent's time), or empty to take the journal's time
 */
public record Decision<R>(List<KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps, R result) {
    public Decision {
        events = List.copyOf(events);
        timestamps = List.copyOf(timestamps);
        if (timestamps.size() != events.size()) {
            throw new IllegalArgumentException("one timestamp per event expected");
        }
        Objects.requireNonNull(result, "result");
    }

    public static <R> Decision<R> of(List<? extends KeyedEvent<? extends Event>> events, R result) {
        return new Decision<>(List.copyOf(events), Collections.nCopies(events.size(), Optional.empty()), result);
    }

    /** Events that happened elsewhere, each with its original timestamp (or empty). */
    public static <R> Decision<R> timestamped(List<? extends KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps,
                                              R result) {
        return new Decision<>(List.copyOf(events), timestamps, result);
    }
}
