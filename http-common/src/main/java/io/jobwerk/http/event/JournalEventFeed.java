package io.jobwerk.http.event;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.journal.Journal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A node's journal as the feed of its event stream. */
public final class JournalEventFeed implements EventFeed {

    private final Journal<?> journal;

    public JournalEventFeed(Journal<?> journal) {
        this.journal = journal;
    }

    @Override
    public Checked<List<Stamped<? extends Event>>> read(long after, int limit) {
        return journal.read(after, limit);
    }

    @Override
    public boolean await(long after, Duration timeout) throws InterruptedException {
        try {
            journal.whenEventsAfter(after).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return journal.lastEventId() > after;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    @Override
    public long lastEventId() {
        return journal.lastEventId();
    }
}
