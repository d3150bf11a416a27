package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRecoveryTest {
    @TempDir
    Path dir;
    private final JournalConf conf = JournalConf.of("Primary").withCheckpointOnClose(false);

    private JournalRecovery.Recovered<TestState> recover() throws IOException {
        JournalRecovery.Recovered<TestState> r = JournalRecovery.recover(dir, conf, TestCodec.INSTANCE, TestState.FOLDER,
                TestJournals.FIXED).orThrow();
        r.channel().close();
        return r;
    }

    @Test
    void anEmptyDirectoryGetsItsFirstSegmentAndAJournalId() throws IOException {
        JournalRecovery.Recovered<TestState> r = recover();
        assertThat(r.segments()).extracting(Segment::afterEventId).containsExactly(0L);
        assertThat(r.state()).isEqualTo(TestState.EMPTY);
        assertThat(r.lastEventId()).isZero();
        assertThat(r.journalId()).isNotBlank();
        assertThat(recover().journalId()).isEqualTo(r.journalId());
    }

    @Test
    void theEventsAfterTheCheckpointAreReplayed() throws IOException {
        long last;
        TestState live;
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            journal.persist(increments("A", "t1", 2)).join();
            journal.checkpoint().join();
            last = journal.persist(increments("B", "t2", 3)).join().get(2).eventId();
            live = journal.currentState();
        }
        JournalRecovery.Recovered<TestState> r = recover();
        assertThat(r.state()).isEqualTo(live);
        assertThat(r.lastEventId()).isEqualTo(last);
        assertThat(r.checkpointEventId()).isEqualTo(last - 3);
        assertThat(r.replayedEvents()).isEqualTo(3);
    }

    @Test
    void aTornTransactionAtTheEndIsCutOff() throws IOException {
        long kept;
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            kept = journal.persist(increments("A", "t1", 1)).join().get(0).eventId();
            journal.persist(increments("A", "t2", 3)).join();
        }
        Path segment = Segment.list(dir).get(0).path();
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        JournalRecovery.Recovered<TestState> r = recover();
        assertThat(r.lastEventId()).isEqualTo(kept);
        assertThat(r.state().counters()).containsEntry("A", 1L);
        assertThat(Files.size(segment)).isEqualTo(r.channelSize()).isLessThan(size - 5);
    }
}
