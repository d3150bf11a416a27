package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The MapDB checkpoint: the state's entries plus the event id they cover. A checkpoint is written
 * whole into {@code checkpoint.mapdb.tmp}, synced, and renamed over {@code checkpoint.mapdb}, so the
 * file on disk is always one complete checkpoint (MapDB's own write-ahead log is not needed and its
 * per-commit cost is paid once per checkpoint, not per event).
 */
final class CheckpointStore {
    static final String FILE = "checkpoint.mapdb";
    private static final String TMP = FILE + ".tmp";

    /** What a checkpoint file holds besides the entries. */
    record Meta(int formatVersion, String journalId, String nodeId, long eventId) {
    }

    record Loaded<S>(Meta meta, S state) {
    }

    private CheckpointStore() {
    }

    static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    static void deleteLeftover(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(TMP));
    }

    static <S> void write(Path dir, Meta meta, Iterable<Map.Entry<String, byte[]>> entries) throws IOException {
        Path tmp = dir.resolve(TMP);
        Files.deleteIfExists(tmp);
        List<Map.Entry<String, byte[]>> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Map.Entry.comparingByKey());
        DB db = DBMaker.fileDB(tmp.toFile()).fileChannelEnable().make();
        try {
            // bulk load of sorted keys: builds the B-tree bottom-up, several times faster than put()
            DB.TreeMapSink<String, byte[]> sink = db.treeMap("state", Serializer.STRING, Serializer.BYTE_ARRAY).createFromSink();
            for (Map.Entry<String, byte[]> e : sorted) {
                sink.put(e.getKey(), e.getValue());
            }
            sink.create();
            ConcurrentMap<String, String> m = db.hashMap("meta", Serializer.STRING, Serializer.STRING).create();
            m.put("formatVersion", Integer.toString(meta.formatVersion()));
            m.put("journalId", meta.journalId());
            m.put("nodeId", meta.nodeId());
            m.put("eventId", Long.toString(meta.eventId()));
            db.commit();
        } finally {
            db.close();
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file(dir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Segment.syncDirectory(dir);
    }

    /** The checkpoint, or a problem naming the file when it cannot be read or is of another format. */
    static <S> Checked<Loaded<S>> read(Path dir, JournalCodec<S> codec) {
        Path file = file(dir);
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).fileChannelEnable().readOnly().make();
        } catch (RuntimeException e) {
            return fail(file, "MapDB cannot open it: " + e);
        }
        try {
            Map<String, String> m = db.exists("meta")
                    ? db.hashMap("meta", Serializer.STRING, Serializer.STRING).open()
                    : Map.of();
            if (!m.containsKey("formatVersion") || !m.containsKey("eventId")) {
                return fail(file, "it holds no checkpoint metadata");
            }
            int version = Integer.parseInt(m.get("formatVersion"));
            if (version > JournalHeader.FORMAT_VERSION) {
                return Checked.fail(Problem.of("JournalVersionTooNew", "Checkpoint " + file + " has format version "
                        + version + ", written by a newer Jobwerk; this version reads format "
                        + JournalHeader.FORMAT_VERSION + " only", Map.of("file", file.toString())));
            }
            Meta meta = new Meta(version, m.get("journalId"), m.get("nodeId"), Long.parseLong(m.get("eventId")));
            BTreeMap<String, byte[]> map = db.treeMap("state", Serializer.STRING, Serializer.BYTE_ARRAY).open();
            return codec.fromSnapshot(map.entrySet())
                    .mapProblem(p -> p.withPrefix("Checkpoint " + file))
                    .map(s -> new Loaded<>(meta, s));
        } catch (RuntimeException e) {
            return fail(file, e.toString());
        } finally {
            db.close();
        }
    }

    private static <T> Checked<T> fail(Path file, String why) {
        return Checked.fail(Problem.of("JournalCheckpointInvalid", "Checkpoint " + file + " is not readable: " + why,
                Map.of("file", file.toString())));
    }
}
