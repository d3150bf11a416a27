package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of a resource lock. */
public record LockPath(String string) implements Comparable<LockPath> {

    public LockPath {
        Names.requirePath("LockPath", string);
    }

    public static Checked<LockPath> checked(String string) {
        return Names.checked(() -> new LockPath(string));
    }

    @Override
    public int compareTo(LockPath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
