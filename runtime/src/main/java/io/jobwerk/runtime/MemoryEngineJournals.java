package io.jobwerk.runtime;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.MemoryJournal;
import io.jobwerk.scheduler.Scheduler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EngineJournals} in memory, for tests: each name is one {@link MemoryJournal} (encoding
 * with the JS7 codec, as the file journal does), and opening a name again after its server closed
 * it continues that journal as a restart on the same files would ({@link MemoryJournal#reopened}).
 * Opening a name that is still open is refused, as the file journal's lock refuses it.
 */
public final class MemoryEngineJournals implements EngineJournals {

    private final Map<String, MemoryJournal<EngineState>> journals = new HashMap<>(); // guarded by this

    @Override
    public synchronized Checked<Journal<EngineState>> open(String name, EngineFolder folder, Scheduler scheduler) {
        MemoryJournal<EngineState> previous = journals.get(name);
        if (previous != null && !previous.isClosed()) {
            return Checked.fail(Problem.of("JournalLocked", "Journal " + name + " (in memory) is open"));
        }
        MemoryJournal<EngineState> journal = previous == null
                ? new MemoryJournal<>(folder, new EngineJournalCodec(), scheduler.clock())
                : previous.reopened();
        journals.put(name, journal);
        return Checked.ok(journal);
    }

    /** The journal last opened under {@code name}, open or closed. */
    public synchronized Optional<MemoryJournal<EngineState>> journal(String name) {
        return Optional.ofNullable(journals.get(name));
    }
}
