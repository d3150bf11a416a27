package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of a daily-plan {@code Schedule}: which workflows start when, by which calendars. */
public record SchedulePath(String string) implements Comparable<SchedulePath> {

    public SchedulePath {
        Names.requirePath("SchedulePath", string);
    }

    public static Checked<SchedulePath> checked(String string) {
        return Names.checked(() -> new SchedulePath(string));
    }

    /** The last segment of the path (a schedule's default order name). */
    public String name() {
        return string.substring(string.lastIndexOf('/') + 1);
    }

    @Override
    public int compareTo(SchedulePath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
