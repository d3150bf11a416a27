package io.jobwerk.cockpit.inventory;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deleted item files and folders, restorable: a deletion moves the file to
 * {@code .jobwerk/trash/STAMP/PATH} (STAMP the UTC time of the deletion), so the trash holds each
 * deletion with its original place; restoring moves it back there.
 */
public final class Trash {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** One deleted file or folder: the deletion's stamp and where it was. */
    public record Entry(String stamp, String path) {
        public String label() {
            return path + "  (deleted " + stamp + ")";
        }
    }

    private final Workspace workspace;
    private final Path trash;

    public Trash(Workspace workspace) {
        this.workspace = workspace;
        this.trash = workspace.root().resolve(Workspace.META).resolve("trash");
    }

    /** Moves the file or folder at {@code path} into the trash. */
    public Checked<Entry> delete(String path, Instant now) {
        String stamp = STAMP.format(now);
        Path target = trash.resolve(stamp).resolve(path);
        try {
            Files.createDirectories(target.getParent());
            Files.move(workspace.resolve(path), target);
            return Checked.ok(new Entry(stamp, path));
        } catch (IOException e) {
            return Workspace.fail(path, "cannot be moved to the trash", e);
        }
    }

    /** The deleted files (each file of a deleted folder too), newest deletion first. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(trash)) {
            return entries;
        }
        try (Stream<Path> stamps = Files.list(trash)) {
            for (Path stampDir : stamps.sorted(Comparator.reverseOrder()).toList()) {
                try (Stream<Path> files = Files.walk(stampDir)) {
                    files.filter(Files::isRegularFile).sorted().forEach(f -> entries.add(
                            new Entry(stampDir.getFileName().toString(), stampDir.relativize(f).toString().replace('\\', '/'))));
                }
            }
        } catch (IOException e) {
            // an unreadable trash shows as empty; deleting still works
        }
        return entries;
    }

    /** Moves a deleted file back to where it was; refused when a file is there again. */
    public Checked<String> restore(Entry entry) {
        Path from = trash.resolve(entry.stamp()).resolve(entry.path());
        Path to = workspace.resolve(entry.path());
        if (Files.exists(to)) {
            return Checked.fail(Problem.of("FileExists", entry.path() + ": cannot be restored, a file of that name exists again"));
        }
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to);
            return Checked.ok(entry.path());
        } catch (IOException e) {
            return Workspace.fail(entry.path(), "cannot be restored", e);
        }
    }
}
