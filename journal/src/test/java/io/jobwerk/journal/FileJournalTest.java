package io.jobwerk.journal;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest extends JournalContract {
    @TempDir
    Path dir;
    private int opened;

    @Override
    Journal<TestState> newJournal() {
        return TestJournals.openOrThrow(dir.resolve("journal-" + ++opened), JournalConf.of("Primary").withFsync(false));
    }
}
