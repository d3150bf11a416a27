package io.jobwerk.runtime;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.state.EngineState;
import java.util.List;

/** Told of every committed batch, on the keeper thread, in commit order; must not block. */
@FunctionalInterface
public interface CommitListener {

    void committed(List<Stamped<? extends Event>> events, EngineState state);
}
