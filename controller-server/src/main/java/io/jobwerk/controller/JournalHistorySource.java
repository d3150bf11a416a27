package io.jobwerk.controller;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.history.HistoryEventSource;
import io.jobwerk.journal.Journal;
import java.time.Duration;
import java.util.List;

/** The Controller's journal as the history's event source. */
final class JournalHistorySource implements HistoryEventSource {
    private final Journal<EngineState> journal;

    JournalHistorySource(Journal<EngineState> journal) {
        this.journal = journal;
    }

    @Override
    public String journalId() {
        return journal.journalId();
    }

    @Override
    public Checked<List<Stamped<? extends Event>>> await(long after, int limit, Duration timeout) {
        return journal.await(after, limit, timeout);
    }

    @Override
    public long lastEventId() {
        return journal.lastEventId();
    }

    @Override
    public long oldestKeptAfterEventId() {
        return journal.oldestKeptAfterEventId();
    }

    @Override
    public void release(long untilEventId) {
        journal.release(untilEventId);
    }
}
