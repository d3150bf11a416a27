package io.jobwerk.history;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.time.Duration;
import java.util.List;

/** The committed events the history stores: the Controller's journal. */
public interface HistoryEventSource {

    /** The journal's id; a history written for another journal starts anew. */
    String journalId();

    /**
     * Up to {@code limit} committed events after {@code after}, waiting up to {@code timeout} for the
     * first; {@code EventSeqTorn} when they were released and deleted.
     */
    Checked<List<Stamped<? extends Event>>> await(long after, int limit, Duration timeout);

    /** The id of the last committed event. */
    long lastEventId();

    /** The id after which events are still kept. */
    long oldestKeptAfterEventId();

    /** The history has stored every event up to {@code untilEventId}: the journal may delete them. */
    void release(long untilEventId);
}
