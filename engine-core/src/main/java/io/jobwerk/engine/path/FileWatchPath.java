package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of a file watch (a file order source). */
public record FileWatchPath(String string) implements Comparable<FileWatchPath> {

    public FileWatchPath {
        Names.requirePath("FileWatchPath", string);
    }

    public static Checked<FileWatchPath> checked(String string) {
        return Names.checked(() -> new FileWatchPath(string));
    }

    @Override
    public int compareTo(FileWatchPath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
