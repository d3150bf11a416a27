package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.scheduler.VirtualScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer on its own, its parts wired by hand; requests queued before it starts form one batch. */
class GroupCommitWriterTest {
    @TempDir
    Path dir;
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final JournalConf conf = JournalConf.of("Primary").withCheckpointOnClose(false);
    private GroupCommitWriter<TestState> writer;
    private EventWaiters waiters;

    private GroupCommitWriter<TestState> newWriter() throws IOException {
        JournalRecovery.Recovered<TestState> r = JournalRecovery.recover(dir, conf, TestCodec.INSTANCE, TestState.FOLDER,
                scheduler.clock()).orThrow();
        Segments segments = new Segments(dir, conf, r.journalId(), r.segments());
        Checkpointer<TestState> checkpointer = new Checkpointer<>(dir, conf, TestCodec.INSTANCE, r.journalId(),
                scheduler.clock(), scheduler.pool("checkpoint", 1), 0, 0, id -> {});
        GroupCommitWriter<TestState>[] self = new GroupCommitWriter[1];
        waiters = new EventWaiters(() -> self[0].committed().eventId());
        self[0] = new GroupCommitWriter<>(new GroupCommitWriter.Parts<>(dir, conf, TestCodec.INSTANCE, TestState.FOLDER,
                scheduler.clock(), scheduler, r.journalId(), segments, new RecentEvents(100, 0), checkpointer,
                new Acknowledgements(), waiters), r.channel(), r.channelSize(), new Journal.StateAt<>(r.state(), r.lastEventId()));
        return self[0];
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
    }

    @Test
    void requestsWaitingTogetherAreWrittenWithOneFsyncInTheirOrder() throws IOException {
        writer = newWriter();
        CompletableFuture<List<Stamped<TestEvent>>> a = writer.persist(PersistRequest.of(increments("A", "a", 2)));
        CompletableFuture<List<Stamped<TestEvent>>> b = writer.persist(PersistRequest.of(increments("B", "b", 1)));
        CompletableFuture<List<Stamped<TestEvent>>> c = writer.persist(PersistRequest.of(increments("A", "c", 1)));
        writer.start();
        long lastOfC = c.join().get(0).eventId();
        assertThat(a.join().get(1).eventId()).isLessThan(b.join().get(0).eventId());
        assertThat(b.join().get(0).eventId()).isLessThan(lastOfC);
        JournalStats stats = writer.stats();
        assertThat(stats.batches()).isEqualTo(1);
        assertThat(stats.fsyncs()).isEqualTo(1);
        assertThat(stats.events()).isEqualTo(4);
        assertThat(writer.committed().state().counters()).containsEntry("A", 3L).containsEntry("B", 1L);
        assertThat(writer.committed().eventId()).isEqualTo(lastOfC);
    }

    @Test
    void aFailingRequestInABatchLeavesTheOthersWritten() throws IOException {
        writer = newWriter();
        CompletableFuture<List<Stamped<TestEvent>>> a = writer.persist(PersistRequest.of(increments("A", "a", 1)));
        CompletableFuture<List<Stamped<TestEvent>>> bad = writer.persist(PersistRequest.of(List.of(KeyedEvent.of("X", new TestEvent.Removed()))));
        CompletableFuture<List<Stamped<TestEvent>>> removeA = writer.persist(PersistRequest.of(List.of(KeyedEvent.of("A", new TestEvent.Removed()))));
        writer.start();
        assertThat(JournalContract.problemOf(bad).code()).isEqualTo("UnknownCounter");
        assertThat(removeA.join().get(0).eventId()).as("checked against A of the same batch").isEqualTo(a.join().get(0).eventId() + 1);
        assertThat(writer.committed().state().counters()).isEmpty();
    }

    @Test
    void readersAreWokenOnlyOnceTheEventsAreDurable() throws IOException {
        writer = newWriter();
        CompletableFuture<Void> woken = waiters.whenEventsAfter(0);
        CompletableFuture<List<Stamped<TestEvent>>> a = writer.persist(PersistRequest.of(increments("A", "a", 1)));
        assertThat(woken).isNotDone();
        writer.start();
        a.join();
        woken.join();
    }

    @Test
    void afterStopEveryRequestFailsAsClosed() throws IOException {
        writer = newWriter();
        writer.start();
        writer.stop();
        assertThat(JournalContract.problemOf(writer.persist(PersistRequest.of(increments("A", "a", 1)))).code()).isEqualTo("JournalClosed");
        assertThat(JournalContract.problemOf(writer.checkpoint()).code()).isEqualTo("JournalClosed");
        writer = null;
    }
}
