package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.scheduler.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In virtual time: checkpoints run on the scheduler's pool, which runs only when the test advances it. */
class CheckpointerTest {
    @TempDir
    Path dir;
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<Long> written = new ArrayList<>();
    private final TestState state = new TestState(TestState.EMPTY.counters().plus("A", 1L), 1);

    private Checkpointer<TestState> checkpointer(JournalConf conf) {
        return new Checkpointer<>(dir, conf, TestCodec.INSTANCE, "J", scheduler.clock(),
                scheduler.pool("checkpoint", 1), 0, 0, written::add);
    }

    @Test
    void aCheckpointIsStartedWhenEnoughEventsAreDurable() {
        Checkpointer<TestState> checkpointer = checkpointer(JournalConf.of("Primary").withCheckpoint(3, Duration.ofHours(1)));
        checkpointer.count(2);
        checkpointer.maybeStart(state, 2);
        scheduler.runUntilIdle();
        assertThat(written).isEmpty();
        checkpointer.count(1);
        checkpointer.maybeStart(state, 3);
        assertThat(written).as("written on the checkpoint pool").isEmpty();
        scheduler.runUntilIdle();
        assertThat(written).containsExactly(3L);
        assertThat(checkpointer.checkpointEventId()).isEqualTo(3);
        assertThat(checkpointer.written()).isEqualTo(1);
        assertThat(Files.exists(CheckpointStore.file(dir))).isTrue();
        assertThat(CheckpointStore.read(dir, TestCodec.INSTANCE).orThrow().state()).isEqualTo(state);
    }

    @Test
    void aCheckpointIsStartedWhenTheIntervalHasPassedOnTheClock() {
        Checkpointer<TestState> checkpointer = checkpointer(JournalConf.of("Primary").withCheckpoint(1_000_000, Duration.ofMinutes(10)));
        checkpointer.count(1);
        checkpointer.maybeStart(state, 1);
        scheduler.runUntilIdle();
        assertThat(written).isEmpty();
        scheduler.advance(Duration.ofMinutes(10));
        checkpointer.maybeStart(state, 1);
        scheduler.runUntilIdle();
        assertThat(written).containsExactly(1L);
    }

    @Test
    void noCheckpointWithoutNewEventsAndNoneWhileOneRuns() {
        Checkpointer<TestState> checkpointer = checkpointer(JournalConf.of("Primary").withCheckpoint(1, Duration.ofHours(1)));
        checkpointer.maybeStart(state, 0);
        checkpointer.count(1);
        checkpointer.maybeStart(state, 1);
        checkpointer.count(1);
        checkpointer.maybeStart(state, 2);
        scheduler.runUntilIdle();
        assertThat(written).as("the second was due while the first ran").containsExactly(1L);
    }

    @Test
    void anAskedCheckpointCompletesWithItsEventIdAndWritesNothingWhenAlreadyCovered() {
        Checkpointer<TestState> checkpointer = checkpointer(JournalConf.of("Primary"));
        CompletableFuture<Long> first = new CompletableFuture<>();
        checkpointer.start(state, 5, first);
        scheduler.runUntilIdle();
        CompletableFuture<Long> again = new CompletableFuture<>();
        checkpointer.start(state, 5, again);
        scheduler.runUntilIdle();
        assertThat(first).isCompletedWithValue(5L);
        assertThat(again).isCompletedWithValue(5L);
        assertThat(written).containsExactly(5L);
    }

    @Test
    void closingDropsCheckpointsNotStartedAndWritesTheFinalOneOnTheCallingThread() {
        Checkpointer<TestState> checkpointer = checkpointer(JournalConf.of("Primary"));
        CompletableFuture<Long> asked = new CompletableFuture<>();
        checkpointer.start(state, 5, asked);
        checkpointer.close(java.util.Optional.of(new Journal.StateAt<>(state, 6L)), new IllegalStateException("closed"));
        assertThat(asked).as("the virtual pool never ran it").isCompletedExceptionally();
        assertThat(written).containsExactly(6L);
        assertThat(checkpointer.checkpointEventId()).isEqualTo(6);
        scheduler.runUntilIdle();
        assertThat(written).as("the dropped one does not run later").containsExactly(6L);
    }
}
