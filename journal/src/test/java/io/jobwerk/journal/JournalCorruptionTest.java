package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each damage with its documented result: clean recovery, or a problem naming the file. */
class JournalCorruptionTest {
    @TempDir
    Path dir;

    private final JournalConf conf = JournalConf.of("Primary").withCheckpointOnClose(false);

    private List<Stamped<? extends Event>> writeEvents(int transactions) {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            for (int i = 0; i < transactions; i++) {
                journal.persist(increments("A", "t" + i, 2)).join();
            }
            return journal.read(0, 1000).orThrow();
        }
    }

    private Path newestSegment() throws IOException {
        List<Segment> segments = Segment.list(dir);
        return segments.get(segments.size() - 1).path();
    }

    private Problem openProblem(JournalConf c) {
        return TestJournals.open(dir, c).problemOption().orElseThrow(() -> new AssertionError("expected a problem"));
    }

    @Test
    void truncatedTailIsCutAndTheTornTransactionDropped() throws Exception {
        List<Stamped<? extends Event>> events = writeEvents(5);
        Path file = newestSegment();
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.read(0, 100).orThrow()).isEqualTo(events.subList(0, 8));
            assertThat(journal.currentState().counters()).containsEntry("A", 8L);
            journal.persist(increments("A", "after", 1)).join();
        }
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.currentState().counters()).containsEntry("A", 9L);
        }
    }

    @Test
    void transactionWithOnlySomeRecordsWrittenIsDroppedWhole() throws Exception {
        List<Stamped<? extends Event>> events = writeEvents(3);
        Path file = newestSegment();
        int lastRecordSize = LogFormat.FRAME_HEADER + TestCodec.INSTANCE.encodeEvent(events.get(5)).length;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(file) - lastRecordSize);
        }
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.read(0, 100).orThrow()).isEqualTo(events.subList(0, 4));
        }
    }

    @Test
    void garbageTailIsCut() throws Exception {
        List<Stamped<? extends Event>> events = writeEvents(3);
        Path file = newestSegment();
        long size = Files.size(file);
        Files.write(file, "garbage \u0000\u0001 more garbage".getBytes(), StandardOpenOption.APPEND);
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.read(0, 100).orThrow()).isEqualTo(events);
        }
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void damageInAnOlderSegmentIsAProblemNamingTheFile() throws Exception {
        JournalConf small = conf.withSegmentBytes(1024);
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, small)) {
            for (int i = 0; i < 40; i++) {
                journal.persist(increments("A", "t" + i, 1)).join();
            }
        }
        Path first = Segment.list(dir).get(0).path();
        try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("XXXX".getBytes()), 200);
        }
        Problem p = openProblem(small);
        assertThat(p.code()).isEqualTo("JournalFileInvalid");
        assertThat(p.message()).contains(first.toString()).contains("not the newest segment");
    }

    @Test
    void wrongMagicIsAProblemNamingTheFile() throws Exception {
        writeEvents(1);
        Path file = newestSegment();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("NOT-A-JOURNAL---".getBytes()), 0);
        }
        Problem p = openProblem(conf);
        assertThat(p.code()).isEqualTo("JournalFileInvalid");
        assertThat(p.message()).contains(file.toString()).contains("magic");
    }

    @Test
    void newerFormatVersionIsAProblemNamingTheFile() throws Exception {
        Files.createDirectories(dir);
        Path file = Segment.path(dir, 0);
        LogFormat.FrameBuffer buf = new LogFormat.FrameBuffer();
        buf.putMagic();
        buf.put(0, false, new JournalHeader(2, "J", "Primary", 0, 0).toJson());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(buf.flip());
        }
        Problem p = openProblem(conf);
        assertThat(p.code()).isEqualTo("JournalVersionTooNew");
        assertThat(p.message()).contains(file.toString()).contains("format version 2");
    }

    @Test
    void anotherNodesJournalIsAProblemNamingTheFile() {
        writeEvents(1);
        Problem p = openProblem(JournalConf.of("Backup").withCheckpointOnClose(false));
        assertThat(p.code()).isEqualTo("JournalForeignNode");
        assertThat(p.message()).contains(Segment.path(dir, 0).toString()).contains("'Primary'").contains("'Backup'");
    }

    @Test
    void anotherNodesCheckpointIsAProblemNamingTheFile() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, JournalConf.of("Primary"))) {
            journal.persist(increments("A", "t", 1)).join();
        }
        Problem p = openProblem(JournalConf.of("Backup"));
        assertThat(p.code()).isEqualTo("JournalForeignNode");
        assertThat(p.message()).contains(dir.resolve("checkpoint.snapshot").toString());
    }

    @Test
    void anotherJournalIdIsAProblem() {
        writeEvents(1);
        Problem p = openProblem(conf.withJournalId("other-journal"));
        assertThat(p.code()).isEqualTo("JournalIdMismatch");
    }

    @Test
    void missingCheckpointIsRebuiltByReplayWhileTheLogStartsAtTheBeginning() throws Exception {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, JournalConf.of("Primary"))) {
            journal.persist(increments("A", "t", 4)).join();
        }
        Files.delete(dir.resolve("checkpoint.snapshot"));
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.currentState().counters()).containsEntry("A", 4L);
        }
    }

    @Test
    void missingCheckpointAfterReleasedSegmentsIsAProblemNamingTheFile() throws Exception {
        JournalConf small = conf.withSegmentBytes(1024).withCheckpoint(1_000_000, Duration.ofHours(1));
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, small)) {
            for (int i = 0; i < 40; i++) {
                journal.persist(increments("A", "t" + i, 1)).join();
            }
            journal.release(journal.lastEventId());
            journal.checkpoint().join();
            assertThat(journal.oldestKeptAfterEventId()).isGreaterThan(0);
        }
        Path checkpoint = dir.resolve("checkpoint.snapshot");
        Files.delete(checkpoint);
        Problem p = openProblem(small);
        assertThat(p.code()).isEqualTo("JournalCheckpointMissing");
        assertThat(p.message()).contains(checkpoint.toString());
    }

    @Test
    void garbageCheckpointIsAProblemNamingTheFile() throws Exception {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, JournalConf.of("Primary"))) {
            journal.persist(increments("A", "t", 1)).join();
        }
        Path checkpoint = dir.resolve("checkpoint.snapshot");
        Files.write(checkpoint, "this is not a checkpoint".getBytes());
        Problem p = openProblem(conf);
        assertThat(p.code()).isEqualTo("JournalCheckpointInvalid");
        assertThat(p.message()).contains(checkpoint.toString());
    }

    @Test
    void newestSegmentTornInsideItsHeaderIsDeleted() throws Exception {
        List<Stamped<? extends Event>> events = writeEvents(2);
        Path torn = Segment.path(dir, events.get(events.size() - 1).eventId());
        Files.write(torn, new byte[]{'J', 'O', 'B'});
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.read(0, 100).orThrow()).isEqualTo(events);
            journal.persist(increments("A", "after", 1)).join();
        }
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.currentState().eventCount()).isEqualTo(5);
        }
    }

    @Test
    void segmentHalfCreatedUnderItsTemporaryNameIsDiscarded() throws Exception {
        List<Stamped<? extends Event>> events = writeEvents(2);
        Path halfCreated = Segment.temporaryPath(Segment.path(dir, events.get(events.size() - 1).eventId()));
        Files.write(halfCreated, "garbage that is no header".getBytes());
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.read(0, 100).orThrow()).isEqualTo(events);
            journal.persist(increments("A", "after", 1)).join();
        }
        assertThat(halfCreated).doesNotExist();
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.currentState().eventCount()).isEqualTo(5);
        }
    }
}
