package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Stamped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event ids and time-based checkpoints follow the Clock given to the journal, not the wall clock. */
class JournalClockTest {
    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));

    private Journal<TestState> open(JournalConf conf) {
        return Journal.open(dir, conf, TestCodec.INSTANCE, TestState.FOLDER, clock).orThrow();
    }

    @Test
    void eventIdsStrictlyIncreaseWhenTheClockStepsBack() {
        try (Journal<TestState> journal = open(JournalConf.of("Primary"))) {
            long first = journal.persist(increments("A", "t1", 1)).join().get(0).eventId();
            clock.advance(Duration.ofSeconds(-30));
            List<Stamped<TestEvent>> next = journal.persist(increments("A", "t2", 2)).join();
            assertThat(next).extracting(Stamped::eventId).containsExactly(first + 1, first + 2);
            clock.advance(Duration.ofMinutes(1));
            long later = journal.persist(increments("A", "t3", 1)).join().get(0).eventId();
            assertThat(later).isEqualTo(clock.millis() * 1000);
        }
    }

    @Test
    void eventIdsContinueAfterTheLastRecoveredIdEvenWithAnEarlierClock() {
        long last;
        try (Journal<TestState> journal = open(JournalConf.of("Primary"))) {
            last = journal.persist(increments("A", "t1", 3)).join().get(2).eventId();
        }
        clock.advance(Duration.ofHours(-1));
        try (Journal<TestState> journal = open(JournalConf.of("Primary"))) {
            assertThat(journal.persist(increments("A", "t2", 1)).join().get(0).eventId()).isEqualTo(last + 1);
        }
    }

    @Test
    void aCheckpointIsTakenWhenTheIntervalHasPassedOnTheClock() throws Exception {
        JournalConf conf = JournalConf.of("Primary").withCheckpoint(1_000_000, Duration.ofMinutes(10)).withCheckpointOnClose(false);
        try (Journal<TestState> journal = open(conf)) {
            journal.persist(increments("A", "t1", 1)).join();
            Thread.sleep(50);
            assertThat(journal.stats().checkpoints()).isZero();
            clock.advance(Duration.ofMinutes(11));
            journal.persist(increments("A", "t2", 1)).join();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (journal.stats().checkpoints() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(journal.stats().checkpoints()).isEqualTo(1);
            assertThat(journal.stats().checkpointEventId()).isEqualTo(journal.lastEventId());
        }
    }
}
