package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tags of item files, kept in {@code .jobwerk/tags.json} ({@code {"ops/etl.workflow.json":["nightly","finance"]}})
 * rather than in the items: the engine has no field for them, and an item file stays what
 * {@code jobwerk deploy} sends.
 */
public final class Tags {

    private final Path file;
    private final TreeMap<String, TreeSet<String>> tags = new TreeMap<>();

    public Tags(Workspace workspace) {
        this.file = workspace.root().resolve(Workspace.META).resolve("tags.json");
        load();
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            var parsed = EngineJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (parsed.isOk() && parsed.orThrow() instanceof ObjectNode o) {
                o.fields().forEachRemaining(e -> {
                    TreeSet<String> set = new TreeSet<>();
                    e.getValue().forEach(t -> set.add(t.asText()));
                    tags.put(e.getKey(), set);
                });
            }
        } catch (IOException e) {
            // no tags shown; saving writes them anew
        }
    }

    /** The file's tags, sorted. */
    public Set<String> of(String path) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tags.getOrDefault(path, new TreeSet<>())));
    }

    /** Every tag in use, sorted. */
    public Set<String> all() {
        TreeSet<String> all = new TreeSet<>();
        tags.values().forEach(all::addAll);
        return all;
    }

    public Checked<Set<String>> set(String path, Iterable<String> newTags) {
        TreeSet<String> set = new TreeSet<>();
        newTags.forEach(t -> {
            if (!t.isBlank()) {
                set.add(t.strip());
            }
        });
        if (set.isEmpty()) {
            tags.remove(path);
        } else {
            tags.put(path, set);
        }
        return save().map(ok -> java.util.Collections.unmodifiableSortedSet(new TreeSet<>(set)));
    }

    /** The tags follow a renamed or moved file. */
    public Checked<Boolean> moved(String from, String to) {
        TreeSet<String> set = tags.remove(from);
        if (set == null) {
            return Checked.ok(false);
        }
        tags.put(to, set);
        return save();
    }

    private Checked<Boolean> save() {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        for (Map.Entry<String, TreeSet<String>> e : tags.entrySet()) {
            ArrayNode a = o.putArray(e.getKey());
            e.getValue().forEach(a::add);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, EngineJson.prettyPrint(o) + "\n", StandardCharsets.UTF_8);
            return Checked.ok(true);
        } catch (IOException e) {
            return Workspace.fail(Workspace.META + "/tags.json", "cannot be written", e);
        }
    }

    List<String> files() {
        return List.copyOf(tags.keySet());
    }
}
