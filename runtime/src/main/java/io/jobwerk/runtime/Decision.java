package io.jobwerk.runtime;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import java.util.List;
import java.util.Objects;

/** What a decision on the current state yields: the events to persist and the answer to the caller. */
public record Decision<R>(List<KeyedEvent<? extends Event>> events, R result) {
    public Decision {
        events = List.copyOf(events);
        Objects.requireNonNull(result, "result");
    }

    public static <R> Decision<R> of(List<? extends KeyedEvent<? extends Event>> events, R result) {
        return new Decision<>(List.copyOf(events), result);
    }
}
