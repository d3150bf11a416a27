package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Reads the checkpoint of journals written before {@link CheckpointStore}'s own format:
 * {@code checkpoint.mapdb}, a MapDB file with a {@code meta} hash map and the entries in a
 * {@code state} B-tree. Only read (the next checkpoint is written in the new format and this file
 * deleted), and only loaded when such a file exists: MapDB and its signed Eclipse Collections jars
 * cost a cold JVM about a second of class loading and manifest checking at every start.
 */
final class MapDbCheckpoint {
    static final String FILE = "checkpoint.mapdb";

    private MapDbCheckpoint() {
    }

    static Checked<CheckpointStore.Entries> read(Path file) {
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).fileChannelEnable().readOnly().make();
        } catch (RuntimeException e) {
            return CheckpointStore.unreadable(file, "MapDB cannot open it: " + e);
        }
        try {
            Map<String, String> m = db.exists("meta")
                    ? db.hashMap("meta", Serializer.STRING, Serializer.STRING).open()
                    : Map.of();
            if (!m.containsKey("formatVersion") || !m.containsKey("eventId")) {
                return CheckpointStore.unreadable(file, "it holds no checkpoint metadata");
            }
            CheckpointStore.Meta meta = new CheckpointStore.Meta(Integer.parseInt(m.get("formatVersion")), m.get("journalId"),
                    m.get("nodeId"), Long.parseLong(m.get("eventId")));
            BTreeMap<String, byte[]> map = db.treeMap("state", Serializer.STRING, Serializer.BYTE_ARRAY).open();
            List<Map.Entry<String, byte[]>> entries = new ArrayList<>(map.entrySet());
            return Checked.ok(new CheckpointStore.Entries(meta, entries));
        } catch (RuntimeException e) {
            return CheckpointStore.unreadable(file, e.toString());
        } finally {
            db.close();
        }
    }
}
