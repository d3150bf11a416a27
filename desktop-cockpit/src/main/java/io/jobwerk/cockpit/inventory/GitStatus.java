package io.jobwerk.cockpit.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each file's git status where the workspace lies in a git repository, read with the {@code git}
 * command ({@code status --porcelain=v1 -z}): it is what the operator commits and pushes with, so it
 * sees the same repository, ignores and configuration, and it adds no library to the Cockpit (JGit
 * would add its own idea of both). Without {@code git} on the PATH, or outside a repository, there is
 * no status, and the inventory works as before. Blocking: call it off the UI thread.
 */
public final class GitStatus {

    /** A file's state against the repository's HEAD and index. */
    public enum FileStatus {
        CLEAN(""), MODIFIED("M"), ADDED("A"), UNTRACKED("?"), RENAMED("R"), DELETED("D"), CONFLICT("U");

        private final String letter;

        FileStatus(String letter) {
            this.letter = letter;
        }

        /** As {@code git status --short} marks it; empty for a clean file. */
        public String letter() {
            return letter;
        }
    }

    /** The status of the workspace's changed files (paths relative to the workspace); absent files are clean. */
    public record Snapshot(boolean repository, Map<String, FileStatus> changed) {
        public static final Snapshot NONE = new Snapshot(false, Map.of());

        public FileStatus of(String path) {
            return changed.getOrDefault(path, FileStatus.CLEAN);
        }
    }

    private GitStatus() {}

    public static Snapshot read(Path workspaceRoot) {
        Optional<String> prefix = run(workspaceRoot, List.of("git", "rev-parse", "--show-prefix")).map(String::strip);
        if (prefix.isEmpty()) {
            return Snapshot.NONE;
        }
        Optional<String> porcelain = run(workspaceRoot, List.of("git", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."));
        if (porcelain.isEmpty()) {
            return Snapshot.NONE;
        }
        Map<String, FileStatus> changed = new HashMap<>();
        String[] entries = porcelain.get().split("\0");
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i];
            if (e.length() < 4) {
                continue;
            }
            char x = e.charAt(0);
            char y = e.charAt(1);
            String path = e.substring(3);
            if (x == 'R' || x == 'C') {
                i++; // the original path follows
            }
            if (!path.startsWith(prefix.get())) {
                continue;
            }
            changed.put(path.substring(prefix.get().length()), status(x, y));
        }
        return new Snapshot(true, Map.copyOf(changed));
    }

    private static FileStatus status(char x, char y) {
        if (x == '?') {
            return FileStatus.UNTRACKED;
        }
        if (x == 'U' || y == 'U' || (x == 'A' && y == 'A') || (x == 'D' && y == 'D')) {
            return FileStatus.CONFLICT;
        }
        if (x == 'R') {
            return FileStatus.RENAMED;
        }
        if (x == 'A') {
            return FileStatus.ADDED;
        }
        if (x == 'D' || y == 'D') {
            return FileStatus.DELETED;
        }
        return FileStatus.MODIFIED;
    }

    private static Optional<String> run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no git on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
