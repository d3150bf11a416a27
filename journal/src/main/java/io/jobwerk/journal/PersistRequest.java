package io.jobwerk.journal;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Events to persist as one transaction (see {@link Journal#persist(PersistRequest)}): each event with
 * the time it happened elsewhere, if any, and who folds them into the state.
 *
 * @param events the events, in order; an empty list persists nothing
 * @param timestamps one per event: the time (epoch milliseconds) it happened elsewhere (e.g. a mirrored
 *                   Agent event keeps the Agent's time), or empty for the event id's time
 * @param fold who applies the events to the state
 * @param <S> the journal's state
 * @param <E> the events' type
 */
public record PersistRequest<S, E extends Event>(List<KeyedEvent<E>> events, List<Optional<Long>> timestamps, Fold<S> fold) {

    public PersistRequest {
        events = List.copyOf(events);
        timestamps = List.copyOf(timestamps);
        Objects.requireNonNull(fold, "fold");
        if (timestamps.size() != events.size()) {
            throw new IllegalArgumentException("one timestamp per event expected");
        }
    }

    /** The events with the event id's time, folded by the journal. */
    public static <S, E extends Event> PersistRequest<S, E> of(List<KeyedEvent<E>> events) {
        return new PersistRequest<>(events, Collections.nCopies(events.size(), Optional.empty()), new Fold.ByJournal<>());
    }

    /** The events with their own times, folded by the journal. */
    public static <S, E extends Event> PersistRequest<S, E> timed(List<KeyedEvent<E>> events, List<Optional<Long>> timestamps) {
        return new PersistRequest<>(events, timestamps, new Fold.ByJournal<>());
    }

    /** The events with their own times, already folded by the caller from {@code base} into {@code folded}. */
    public static <S, E extends Event> PersistRequest<S, E> folded(List<KeyedEvent<E>> events, List<Optional<Long>> timestamps,
                                                                   S base, S folded) {
        return new PersistRequest<>(events, timestamps, new Fold.ByCaller<>(base, folded));
    }

    /** Who applies the events to the state. */
    public sealed interface Fold<S> permits Fold.ByJournal, Fold.ByCaller {

        /** The journal applies and checks each event with its {@link StateFolder}. */
        record ByJournal<S>() implements Fold<S> {}

        /**
         * The caller has applied the events, in order, to {@code base} with the journal's
         * {@link StateFolder} and got {@code folded}. When the journal's state is still {@code base}
         * (the same object) as the events are written, the journal adopts {@code folded}; otherwise
         * (another persist came first) it applies and checks them itself. The caller vouches for
         * {@code folded}: recovery replays the events through the folder.
         */
        record ByCaller<S>(S base, S folded) implements Fold<S> {
            public ByCaller {
                Objects.requireNonNull(base, "base");
                Objects.requireNonNull(folded, "folded");
            }
        }

        /** The state after the events: {@code folded} when the caller folded onto {@code current}, else empty. */
        default Optional<S> foldedOnto(S current) {
            return this instanceof ByCaller<S> c && c.base() == current ? Optional.of(c.folded()) : Optional.empty();
        }
    }
}
