package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.workflow.VersionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Items read from JSON files for one deployment, one item per file as {@link ItemFileJson} reads it
 * (TYPE and path may come from the file name). Workflows get the deployment's version id, whatever
 * {@code versionId} the file names. Directories are read recursively ({@code *.json}, sorted), but
 * not their hidden folders ({@code .git}, a Cockpit workspace's {@code .jobwerk} with its trash).
 * Every problem names its file.
 */
final class ItemFiles {
    private ItemFiles() {}

    /** One item and the file it came from. */
    record Entry(Path file, String type, String name, ItemOperation.Deployable deployable) {}

    /** The items of one deployment under one fresh version id. */
    record Deployment(VersionId versionId, List<Entry> entries) {

        /** {@code AddVersion} and one {@code AddOrChangeSimple} per item. */
        List<ItemOperation> operations() {
            List<ItemOperation> list = new ArrayList<>();
            list.add(new ItemOperation.AddVersion(versionId));
            entries.forEach(e -> list.add(new ItemOperation.AddOrChangeSimple(e.deployable())));
            return list;
        }
    }

    /** A version id from the clock: {@code 20261122T170102.123Z}. */
    static VersionId freshVersionId(Instant now) {
        return new VersionId(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC).format(now));
    }

    static Checked<Deployment> read(List<Path> paths, VersionId versionId) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json") && !hidden(p, f))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    return Checked.fail(Problem.of("FileProblem", p + ": cannot be read: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                return Checked.fail(Problem.of("FileProblem", p + ": no such file or directory"));
            }
        }
        if (files.isEmpty()) {
            return Checked.fail(Problem.of("FileProblem", "No *.json item files in " + paths));
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Path> keys = new HashMap<>();
        for (Path file : files) {
            Checked<Entry> entry = readFile(file, versionId);
            if (entry.isFail()) {
                return Checked.fail(entry.problemOption().orElseThrow());
            }
            Entry e = entry.orThrow();
            Path earlier = keys.put(e.type() + ":" + e.name(), file);
            if (earlier != null) {
                return Checked.fail(Problem.of("DuplicateItem", file + ": " + e.type() + " '" + e.name() + "' is also in " + earlier));
            }
            entries.add(e);
        }
        return Checked.ok(new Deployment(versionId, List.copyOf(entries)));
    }

    /** A file in a hidden folder below the directory given. */
    private static boolean hidden(Path root, Path file) {
        Path relative = root.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static Checked<Entry> readFile(Path file, VersionId versionId) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Checked.fail(Problem.of("FileProblem", file + ": cannot be read: " + e.getMessage()));
        }
        Checked<ItemFileJson.Decoded> decoded = ItemFileJson.decode(file.getFileName().toString(), text, versionId);
        if (decoded.isFail()) {
            return Checked.fail(decoded.problemOption().orElseThrow().withPrefix(file.toString()));
        }
        ItemFileJson.Decoded d = decoded.orThrow();
        return Checked.ok(new Entry(file, d.type(), d.name(), d.deployable()));
    }
}
