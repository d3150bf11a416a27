package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.scheduler.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        assertThat(CheckpointStore.read(CheckpointStore.file(dir), TestCodec.INSTANCE).orThrow().state()).isEqualTo(state);
    }

    @Test
    void aSmallStateIsCheckpointedAfterFewerEventsThanConfigured() {
        JournalConf conf = JournalConf.of("Primary").withCheckpoint(200_000, Duration.ofHours(1));
        Checkpointer<TestState> small = new Checkpointer<>(dir, conf, sized(100), "J", scheduler.clock(),
                scheduler.pool("checkpoint", 1), 0, 0, written::add);
        small.count((int) Checkpointer.MIN_EVENTS - 1);
        small.maybeStart(state, 1);
        scheduler.runUntilIdle();
        assertThat(written).as("never before the minimum").isEmpty();
        small.count(1);
        small.maybeStart(state, 2);
        scheduler.runUntilIdle();
        assertThat(written).as("100 entries: due after max(10,000, 4 x 100) events").containsExactly(2L);
    }

    @Test
    void aLargeOrUnknownStateWaitsForTheConfiguredEvents() {
        JournalConf conf = JournalConf.of("Primary").withCheckpoint(50_000, Duration.ofHours(1));
        Checkpointer<TestState> large = new Checkpointer<>(dir, conf, sized(10_000), "J", scheduler.clock(),
                scheduler.pool("checkpoint", 1), 0, 0, written::add);
        large.count(39_999);
        large.maybeStart(state, 1);
        scheduler.runUntilIdle();
        assertThat(written).as("10,000 entries: due after 40,000 events").isEmpty();
        large.count(1);
        large.maybeStart(state, 2);
        scheduler.runUntilIdle();
        assertThat(written).containsExactly(2L);

        Checkpointer<TestState> unknown = checkpointer(conf);
        unknown.count(49_999);
        unknown.maybeStart(state, 3);
        scheduler.runUntilIdle();
        assertThat(written).as("a codec that does not know the size: only checkpointEvents").containsExactly(2L);
        unknown.count(1);
        unknown.maybeStart(state, 4);
        scheduler.runUntilIdle();
        assertThat(written).containsExactly(2L, 4L);
    }

    /** {@link TestCodec} telling {@code entries} as the snapshot's size. */
    private static JournalCodec<TestState> sized(long entries) {
        return new JournalCodec<>() {
            @Override public byte[] encodeEvent(Stamped<? extends Event> stamped) {
                return TestCodec.INSTANCE.encodeEvent(stamped);
            }
            @Override public Checked<Stamped<? extends Event>> decodeEvent(byte[] bytes) {
                return TestCodec.INSTANCE.decodeEvent(bytes);
            }
            @Override public Iterable<Map.Entry<String, byte[]>> snapshotEntries(TestState s) {
                return TestCodec.INSTANCE.snapshotEntries(s);
            }
            @Override public Checked<TestState> fromSnapshot(Iterable<Map.Entry<String, byte[]>> entries) {
                return TestCodec.INSTANCE.fromSnapshot(entries);
            }
            @Override public long snapshotSize(TestState s) {
                return entries;
            }
        };
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
