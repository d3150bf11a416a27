package io.jobwerk.journal;

import io.jobwerk.engine.event.KeyedEvent;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Writes the golden journal of format version 1 into {@code journal/src/test/resources/golden/}
 * (run once per format version, then commit the files): two segments, a checkpoint in the middle,
 * events after it, a removal, and the expected NDJSON of its events.
 * {@code mvn -pl journal -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.jobwerk.journal.GoldenJournalWriter}
 */
public final class GoldenJournalWriter {
    static final JournalConf CONF = JournalConf.of("Primary").withJournalId("golden-journal-v1")
            .withSegmentBytes(1024).withCheckpoint(1_000_000, Duration.ofHours(1)).withCheckpointOnClose(false);

    private GoldenJournalWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path golden = Path.of(args.length > 0 ? args[0] : "journal/src/test/resources/golden");
        Path dir = golden.resolve("journal-v1");
        if (Files.exists(dir)) {
            throw new IllegalStateException(dir + " exists; a golden journal is written once and never regenerated");
        }
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, CONF)) {
            for (int i = 0; i < 10; i++) {
                journal.persist(TestJournals.increments("order-" + i % 4, "txn-" + i, 1 + i % 3)).join();
            }
            journal.checkpoint().join();
            journal.persist(List.<KeyedEvent<TestEvent>>of(KeyedEvent.of("order-3", new TestEvent.Removed()))).join();
            for (int i = 10; i < 14; i++) {
                journal.persist(TestJournals.increments("order-" + i % 4, "txn-" + i, 2)).join();
            }
            System.out.println("state " + journal.currentState() + ", last event " + journal.lastEventId());
        }
        try (PrintStream out = new PrintStream(new FileOutputStream(golden.resolve("journal-v1-events.ndjson").toFile()), true)) {
            JournalDump.dump(dir, -1, out, System.err);
        }
    }
}
