package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of a notice board. */
public record BoardPath(String string) implements Comparable<BoardPath> {

    public BoardPath {
        Names.requirePath("BoardPath", string);
    }

    public static Checked<BoardPath> checked(String string) {
        return Names.checked(() -> new BoardPath(string));
    }

    @Override
    public int compareTo(BoardPath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
