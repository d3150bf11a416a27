package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.scheduler.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file journal whose clock, timer and checkpoint pool are a {@link VirtualScheduler}'s. */
class FileJournalVirtualTimeTest {
    @TempDir
    Path dir;
    private final VirtualScheduler scheduler = new VirtualScheduler();

    private Journal<TestState> open(JournalConf conf) {
        return Journal.open(dir, conf, TestCodec.INSTANCE, TestState.FOLDER, scheduler).orThrow();
    }

    @Test
    void eventIdsComeFromTheVirtualClock() {
        try (Journal<TestState> journal = open(JournalConf.of("Primary"))) {
            assertThat(journal.persist(increments("A", "t", 1)).join().get(0).eventId())
                    .isEqualTo(scheduler.clock().millis() * 1000);
        }
    }

    @Test
    void closingWritesTheFinalCheckpointWithoutTimeMoving() {
        long last;
        try (Journal<TestState> journal = open(JournalConf.of("Primary"))) {
            last = journal.persist(increments("A", "t", 3)).join().get(2).eventId();
        }
        try (Journal<TestState> journal = open(JournalConf.of("Primary"))) {
            assertThat(journal.stats().checkpointEventId()).isEqualTo(last);
            assertThat(journal.currentState().counters()).containsEntry("A", 3L);
        }
    }

    @Test
    void anAskedCheckpointIsWrittenWhenTheSchedulerRunsItsPool() {
        try (Journal<TestState> journal = open(JournalConf.of("Primary").withCheckpointOnClose(false))) {
            long last = journal.persist(increments("A", "t", 1)).join().get(0).eventId();
            var checkpoint = journal.checkpoint();
            while (!checkpoint.isDone()) {
                scheduler.runUntilIdle(); // the writer hands the checkpoint to the pool on its own thread
                Thread.onSpinWait();
            }
            assertThat(checkpoint.join()).isEqualTo(last);
            assertThat(journal.stats().checkpoints()).isEqualTo(1);
        }
    }

    @Test
    void anIntervalCheckpointIsTakenWhenVirtualTimePasses() {
        try (Journal<TestState> journal = open(JournalConf.of("Primary").withCheckpoint(1_000_000, Duration.ofMinutes(10))
                .withCheckpointOnClose(false))) {
            journal.persist(increments("A", "t", 1)).join();
            scheduler.advance(Duration.ofMinutes(9));
            assertThat(journal.stats().checkpoints()).isZero();
            scheduler.advance(Duration.ofMinutes(1));
            while (journal.stats().checkpoints() == 0) {
                scheduler.runUntilIdle(); // the look-in reached the writer; its checkpoint runs on the pool
                Thread.onSpinWait();
            }
            assertThat(journal.stats().checkpointEventId()).isEqualTo(journal.lastEventId());
        }
    }
}
