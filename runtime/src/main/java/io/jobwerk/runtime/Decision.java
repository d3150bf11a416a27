package io.jobwerk.runtime;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.state.EngineState;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decision on the current state yields: the events to persist and the answer to the caller.
 *
 * @param timestamps for each event, the time it happened elsewhere (a mirrored Agent event keeps the
 *                   Agent's time), or empty to take the journal's time
 * @param applied    the decided-on state with {@code events} applied by {@link EngineState#applyEvent},
 *                   where the decision has computed it anyway (mirroring checks each event): a keeper
 *                   whose folding is {@code applyEvent} alone takes it instead of applying them again
 */
public record Decision<R>(List<KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps, R result,
                          Optional<EngineState> applied) {
    public Decision {
        events = List.copyOf(events);
        timestamps = List.copyOf(timestamps);
        if (timestamps.size() != events.size()) {
            throw new IllegalArgumentException("one timestamp per event expected");
        }
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(applied, "applied");
    }

    public static <R> Decision<R> of(List<? extends KeyedEvent<? extends Event>> events, R result) {
        return new Decision<>(List.copyOf(events), Collections.nCopies(events.size(), Optional.empty()), result, Optional.empty());
    }

    /**
     * Events that happened elsewhere, each with its original timestamp (or empty), and the state the
     * decision was made on with all of them applied ({@link EngineState#applyEvent}, in order), if known.
     */
    public static <R> Decision<R> timestamped(List<? extends KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps,
                                              R result, Optional<EngineState> applied) {
        return new Decision<>(List.copyOf(events), timestamps, result, applied);
    }
}
