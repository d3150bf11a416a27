package io.jobwerk.runtime;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalConf;
import io.jobwerk.scheduler.Scheduler;
import java.nio.file.Path;

/**
 * Where a server's journal comes from: the Controller and the Agent Director open theirs through
 * this, so production keeps its files ({@link #files}) and a test runs the same server on a
 * {@link MemoryEngineJournals memory journal} in virtual time.
 */
@FunctionalInterface
public interface EngineJournals {

    /**
     * Opens (recovering) or creates the journal.
     *
     * @param name      the journal's name in its header and problems, e.g. {@code Controller:C}
     * @param folder    how its events fold into the state (the Controller's or an Agent's)
     * @param scheduler the server's clock (event ids) and threads
     * @return the journal, or why it cannot be opened (locked, damaged, another journal's files)
     */
    Checked<Journal<EngineState>> open(String name, EngineFolder folder, Scheduler scheduler);

    /**
     * The {@code FileJournal} in {@code directory} with the JS7 JSON codec, fsync as given; its
     * writer threads are real ones whatever the scheduler (the event ids come from its clock).
     */
    static EngineJournals files(Path directory, boolean fsync) {
        return (name, folder, scheduler) -> Journal.open(directory, JournalConf.of(name).withFsync(fsync),
                new EngineJournalCodec(), folder, scheduler.clock());
    }
}
