package io.jobwerk.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The first record of every segment file: who wrote it and in which format.
 *
 * @param formatVersion the log format, {@link #FORMAT_VERSION} for files this version writes
 * @param journalId the journal's identity, shared by every segment and the checkpoint
 * @param nodeId the cluster node owning the journal
 * @param afterEventId the last event id before the first record of this segment
 * @param createdAtMillis when the segment was started (informational)
 */
record JournalHeader(int formatVersion, String journalId, String nodeId, long afterEventId, long createdAtMillis) {

    static final int FORMAT_VERSION = 1;
    static final String TYPE = "Jobwerk.Journal";
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("TYPE", TYPE);
        o.put("version", formatVersion);
        o.put("journalId", journalId);
        o.put("nodeId", nodeId);
        o.put("afterEventId", afterEventId);
        o.put("createdAt", createdAtMillis);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Checked<JournalHeader> fromJson(byte[] bytes, Path file) {
        JsonNode o;
        try {
            o = JSON.readTree(bytes);
        } catch (Exception e) {
            return fail(file, "its header is not JSON: " + e.getMessage());
        }
        if (o == null || !TYPE.equals(o.path("TYPE").asText())) {
            return fail(file, "its header is not a " + TYPE + " header");
        }
        int version = o.path("version").asInt(-1);
        if (version > FORMAT_VERSION) {
            return Checked.fail(Problem.of("JournalVersionTooNew",
                    "Journal file " + file + " has format version " + version
                            + ", written by a newer Jobwerk; this version reads format " + FORMAT_VERSION + " only",
                    Map.of("file", file.toString(), "version", Integer.toString(version))));
        }
        if (version < 1 || !o.hasNonNull("journalId") || !o.hasNonNull("nodeId") || !o.has("afterEventId")) {
            return fail(file, "its header lacks version, journalId, nodeId or afterEventId");
        }
        return Checked.ok(new JournalHeader(version, o.get("journalId").asText(), o.get("nodeId").asText(),
                o.get("afterEventId").asLong(), o.path("createdAt").asLong()));
    }

    static <T> Checked<T> fail(Path file, String why) {
        return Checked.fail(Problem.of("JournalFileInvalid", "Journal file " + file + " is not readable: " + why,
                Map.of("file", file.toString())));
    }
}
