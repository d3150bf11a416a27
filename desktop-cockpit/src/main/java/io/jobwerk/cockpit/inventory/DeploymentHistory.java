package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What was deployed from this workspace, where, by whom and with which outcome: one JSON line per
 * deployment or revocation in {@code .jobwerk/deployments.ndjson}. Kept in the workspace rather than
 * in a Controller's history database: a deployment concerns the workspace's files (which file, which
 * version), several Controllers at once and also those that refused it, and with the workspace in git
 * the record travels with the items it describes. A Controller's journal still holds its own item
 * events.
 */
public final class DeploymentHistory {

    /** One deployment ({@code deploy}) or revocation ({@code revoke}) on one Controller. */
    public record Record(Instant at, String action, String controller, String user, Optional<String> versionId,
                         List<String> items, boolean signed, Optional<String> problem) {
        public boolean succeeded() {
            return problem.isEmpty();
        }
    }

    private final Path file;

    public DeploymentHistory(Workspace workspace) {
        this.file = workspace.root().resolve(Workspace.META).resolve("deployments.ndjson");
    }

    public Checked<Record> add(Record r) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("at", r.at().toString());
        o.put("action", r.action());
        o.put("controller", r.controller());
        o.put("user", r.user());
        r.versionId().ifPresent(v -> o.put("versionId", v));
        var items = o.putArray("items");
        r.items().forEach(items::add);
        o.put("signed", r.signed());
        r.problem().ifPresent(p -> o.put("problem", p));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, EngineJson.print(o) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return Checked.ok(r);
        } catch (IOException e) {
            return Workspace.fail(Workspace.META + "/deployments.ndjson", "cannot be written", e);
        }
    }

    /** Newest first; lines that cannot be read are left out. */
    public List<Record> records() {
        List<Record> records = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return records;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                var parsed = EngineJson.parse(line);
                if (parsed.isOk()) {
                    try {
                        records.add(record(parsed.orThrow()));
                    } catch (RuntimeException e) {
                        // a line written by hand or by a newer Cockpit: skipped
                    }
                }
            }
        } catch (IOException e) {
            return records;
        }
        Collections.reverse(records);
        return records;
    }

    private static Record record(JsonNode j) {
        List<String> items = new ArrayList<>();
        j.path("items").forEach(i -> items.add(i.asText()));
        return new Record(Instant.parse(j.get("at").asText()), j.get("action").asText(), j.get("controller").asText(),
                j.path("user").asText(""), Optional.ofNullable(j.get("versionId")).map(JsonNode::asText), List.copyOf(items),
                j.path("signed").asBoolean(false), Optional.ofNullable(j.get("problem")).map(JsonNode::asText));
    }
}
