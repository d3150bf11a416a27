package io.jobwerk.cockpit.inventory;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.ItemFileJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A workspace: a folder of JSON files, one item per file, in sub-folders the operator chooses, named as
 * {@code jobwerk deploy DIR} reads them ({@code NAME.workflow.json}, {@code NAME.lock.json} …; see
 * {@link ItemFileJson}), so the folder deploys from the command line as it is, and a git repository can
 * hold it. The hidden folder {@code .jobwerk/} keeps what is not an item: the {@link Trash}, the
 * {@link Tags} and the {@link DeploymentHistory}; {@code jobwerk deploy} skips hidden folders.
 * Paths given and returned are relative to the root, with {@code /}; every problem names the file.
 */
public final class Workspace {

    /** The hidden folder for the trash, tags and deployment history. */
    public static final String META = ".jobwerk";

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /** The workspace in {@code root}, created if it does not exist. */
    public static Checked<Workspace> open(Path root) {
        try {
            Files.createDirectories(root);
            return Checked.ok(new Workspace(root.toAbsolutePath().normalize()));
        } catch (IOException e) {
            return Checked.fail(Problem.of("WorkspaceUnreadable", root + ": cannot be used as a workspace: " + e.getMessage()));
        }
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** The item files ({@code *.json} outside hidden folders), sorted by path. */
    public List<String> files() {
        return walk(true);
    }

    /** The folders (not hidden), sorted, without the root itself. */
    public List<String> folders() {
        return walk(false);
    }

    private List<String> walk(boolean files) {
        List<String> result = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root) && !hidden(p))
                    .filter(p -> files ? Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json") : Files.isDirectory(p))
                    .map(this::relative).sorted().forEach(result::add);
        } catch (IOException e) {
            // a folder removed while walking: the next refresh sees the rest
        }
        return result;
    }

    private boolean hidden(Path p) {
        Path rel = root.relativize(p);
        for (int i = 0; i < rel.getNameCount(); i++) {
            if (rel.getName(i).toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    public Checked<String> read(String file) {
        try {
            return Checked.ok(Files.readString(resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail(file, "cannot be read", e);
        }
    }

    public Checked<String> write(String file, String text) {
        try {
            Path p = resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return Checked.ok(file);
        } catch (IOException e) {
            return fail(file, "cannot be written", e);
        }
    }

    /** A new item file of {@code type} in {@code folder} ("" for the root) from its {@link ItemTemplates template}. */
    public Checked<String> create(String folder, String type, String name) {
        Checked<String> file = fileName(folder, type, name);
        if (file.isFail()) {
            return file;
        }
        if (Files.exists(resolve(file.orThrow()))) {
            return Checked.fail(Problem.of("FileExists", file.orThrow() + ": exists already"));
        }
        return write(file.orThrow(), ItemTemplates.of(type));
    }

    /** {@code folder/NAME.SUFFIX} for an item of {@code type}. */
    public static Checked<String> fileName(String folder, String type, String name) {
        if (name.isBlank() || name.contains("/") || name.startsWith(".")) {
            return Checked.fail(Problem.of("InvalidName", "'" + name + "' is not a name for an item (no '/', not starting with '.')"));
        }
        return ItemFileJson.suffixOf(type)
                .map(suffix -> Checked.ok((folder.isEmpty() ? "" : folder + "/") + name + suffix))
                .orElseGet(() -> Checked.fail(Problem.of("UnknownType", "no item type '" + type + "'")));
    }

    public Checked<String> createFolder(String folder) {
        try {
            Files.createDirectories(resolve(folder));
            return Checked.ok(folder);
        } catch (IOException e) {
            return fail(folder, "cannot be created", e);
        }
    }

    /**
     * Renames an item file, keeping its suffix; the name inside ({@code path} or {@code id}), when the file
     * states one, changes with it, so the item's name and its file's name stay one.
     */
    public Checked<String> rename(String file, String newName) {
        String fileName = Path.of(file).getFileName().toString();
        String suffix = ItemFileJson.suffix(fileName).orElse(".json");
        String folder = parent(file);
        if (newName.isBlank() || newName.contains("/") || newName.startsWith(".")) {
            return Checked.fail(Problem.of("InvalidName", "'" + newName + "' is not a name for an item (no '/', not starting with '.')"));
        }
        String target = (folder.isEmpty() ? "" : folder + "/") + newName + suffix;
        Checked<String> moved = moveFile(file, target);
        if (moved.isFail()) {
            return moved;
        }
        return read(target).flatMap(text -> ItemJsonText.withName(text, newName)
                .map(renamed -> renamed.equals(text) ? Checked.ok(target) : write(target, renamed))
                .orElse(Checked.ok(target)));
    }

    /** Moves an item file (or a folder) into {@code folder} ("" for the root); never a folder into itself or below. */
    public Checked<String> move(String path, String folder) {
        if (folder.equals(path) || folder.startsWith(path + "/")) {
            return Checked.fail(Problem.of("MoveIntoItself", path + " cannot be moved into " + folder + ": that is inside it"));
        }
        String target = (folder.isEmpty() ? "" : folder + "/") + Path.of(path).getFileName();
        return moveFile(path, target);
    }

    /** A copy of an item file under a new name, in the same folder. */
    public Checked<String> copy(String file, String newName) {
        Checked<String> text = read(file);
        if (text.isFail()) {
            return text;
        }
        String fileName = Path.of(file).getFileName().toString();
        String suffix = ItemFileJson.suffix(fileName).orElse(".json");
        String folder = parent(file);
        String target = (folder.isEmpty() ? "" : folder + "/") + newName + suffix;
        if (Files.exists(resolve(target))) {
            return Checked.fail(Problem.of("FileExists", target + ": exists already"));
        }
        String copied = ItemJsonText.withName(text.orThrow(), newName).orElse(text.orThrow());
        return write(target, copied);
    }

    private Checked<String> moveFile(String from, String to) {
        if (from.equals(to)) {
            return Checked.ok(to);
        }
        try {
            Path target = resolve(to);
            Files.createDirectories(target.getParent());
            Files.move(resolve(from), target);
            return Checked.ok(to);
        } catch (FileAlreadyExistsException e) {
            return Checked.fail(Problem.of("FileExists", to + ": exists already"));
        } catch (IOException e) {
            return fail(from, "cannot be moved to " + to, e);
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static <T> Checked<T> fail(String file, String what, IOException e) {
        return Checked.fail(Problem.of("FileProblem", file + ": " + what + ": " + e.getClass().getSimpleName() + " " + e.getMessage()));
    }
}
