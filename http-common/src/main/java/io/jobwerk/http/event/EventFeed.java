package io.jobwerk.http.event;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.time.Duration;
import java.util.List;

/**
 * Committed events in event-id order, as an event stream serves them: the journal of a Controller
 * or Director, or the in-memory buffer of a Subagent.
 */
public interface EventFeed {

    /**
     * Up to {@code limit} events with ids greater than {@code after}; a problem with code
     * {@code EventSeqTorn} when events after {@code after} are no longer kept.
     */
    Checked<List<Stamped<? extends Event>>> read(long after, int limit);

    /** Waits until an event after {@code after} exists or the timeout passed; true if one exists. */
    boolean await(long after, Duration timeout) throws InterruptedException;

    /** The id of the newest committed event (0 when there is none). */
    long lastEventId();
}
