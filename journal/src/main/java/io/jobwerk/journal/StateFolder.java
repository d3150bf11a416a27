package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;

/**
 * The state as a fold of events: live operation and recovery both call {@link #apply}, so a state
 * recovered from the journal is the state that was live. For the engine this is
 * {@code EngineState.applyEvent}.
 *
 * @param <S> the state, immutable
 */
public interface StateFolder<S> {

    /** The state of a fresh journal. */
    S empty();

    /** The next state, or a problem when the event does not apply; pure, never throws for a domain error. */
    Checked<S> apply(S state, Stamped<? extends Event> stamped);
}
