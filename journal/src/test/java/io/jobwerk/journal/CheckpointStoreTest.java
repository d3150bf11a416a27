package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/** The checkpoint file: written and read back, damage found by its checksum, and a MapDB checkpoint of an older version taken over. */
class CheckpointStoreTest {
    @TempDir
    Path dir;

    private final TestState state = new TestState(TestState.EMPTY.counters().plus("A", 3L).plus("B", 7L), 10);
    private final CheckpointStore.Meta meta = new CheckpointStore.Meta(JournalHeader.FORMAT_VERSION, "J", "Primary", 10);

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        CheckpointStore.write(dir, meta, TestCodec.INSTANCE.snapshotEntries(state));
        CheckpointStore.Loaded<TestState> loaded = CheckpointStore.read(CheckpointStore.file(dir), TestCodec.INSTANCE).orThrow();
        assertThat(loaded.meta()).isEqualTo(meta);
        assertThat(loaded.state()).isEqualTo(state);
        assertThat(CheckpointStore.existing(dir)).contains(CheckpointStore.file(dir));
    }

    @Test
    void aChangedByteAnywhereIsFoundByTheChecksum() throws Exception {
        CheckpointStore.write(dir, meta, TestCodec.INSTANCE.snapshotEntries(state));
        Path file = CheckpointStore.file(dir);
        long size = Files.size(file);
        for (long at : List.of(size / 2, size - 5)) {
            CheckpointStore.write(dir, meta, TestCodec.INSTANCE.snapshotEntries(state));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ 0x01);
            }
            Problem p = CheckpointStore.read(file, TestCodec.INSTANCE).problemOption().orElseThrow();
            assertThat(p.code()).as("byte %d", at).isEqualTo("JournalCheckpointInvalid");
            assertThat(p.message()).contains(file.toString());
        }
    }

    @Test
    void aNewerFormatVersionIsNamedAsSuchBeforeTheRestIsRead() throws Exception {
        CheckpointStore.write(dir, new CheckpointStore.Meta(JournalHeader.FORMAT_VERSION + 1, "J", "Primary", 10),
                TestCodec.INSTANCE.snapshotEntries(state));
        Path file = CheckpointStore.file(dir);
        Problem p = CheckpointStore.read(file, TestCodec.INSTANCE).problemOption().orElseThrow();
        assertThat(p.code()).isEqualTo("JournalVersionTooNew");
        assertThat(p.message()).contains(file.toString()).contains("format version " + (JournalHeader.FORMAT_VERSION + 1));
    }

    @Test
    void aTruncatedFileIsAProblemSayingSo() throws Exception {
        CheckpointStore.write(dir, meta, TestCodec.INSTANCE.snapshotEntries(state));
        Path file = CheckpointStore.file(dir);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 10);
        }
        Problem p = CheckpointStore.read(file, TestCodec.INSTANCE).problemOption().orElseThrow();
        assertThat(p.code()).isEqualTo("JournalCheckpointInvalid");
        assertThat(p.message()).contains("ends early");
    }

    @Test
    void aMapDbCheckpointOfAnOlderVersionIsRecoveredAndReplacedByTheNextCheckpoint() throws Exception {
        JournalConf conf = JournalConf.of("Primary");
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf.withCheckpointOnClose(false))) {
            journal.persist(increments("A", "t", 4)).join();
            journal.checkpoint().join();
            journal.persist(increments("B", "u", 2)).join();
        }
        CheckpointStore.Entries written = CheckpointStore.readEntries(CheckpointStore.file(dir)).orThrow();
        writeAsMapDb(dir.resolve(MapDbCheckpoint.FILE), written);
        Files.delete(CheckpointStore.file(dir));

        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.currentState().counters()).containsEntry("A", 4L).containsEntry("B", 2L);
            assertThat(journal.stats().checkpointEventId()).as("the MapDB checkpoint was read").isEqualTo(written.meta().eventId());
        }
        assertThat(CheckpointStore.existing(dir)).contains(CheckpointStore.file(dir));
        assertThat(dir.resolve(MapDbCheckpoint.FILE)).doesNotExist();
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.currentState().counters()).containsEntry("A", 4L).containsEntry("B", 2L);
        }
    }

    /** As versions before the checkpoint file wrote it: the entries in a bulk-loaded B-tree, the meta data in a hash map. */
    private static void writeAsMapDb(Path file, CheckpointStore.Entries checkpoint) {
        DB db = DBMaker.fileDB(file.toFile()).fileChannelEnable().make();
        try {
            DB.TreeMapSink<String, byte[]> sink = db.treeMap("state", Serializer.STRING, Serializer.BYTE_ARRAY).createFromSink();
            checkpoint.entries().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sink.put(e.getKey(), e.getValue()));
            sink.create();
            ConcurrentMap<String, String> m = db.hashMap("meta", Serializer.STRING, Serializer.STRING).create();
            m.put("formatVersion", Integer.toString(checkpoint.meta().formatVersion()));
            m.put("journalId", checkpoint.meta().journalId());
            m.put("nodeId", checkpoint.meta().nodeId());
            m.put("eventId", Long.toString(checkpoint.meta().eventId()));
            db.commit();
        } finally {
            db.close();
        }
    }
}
