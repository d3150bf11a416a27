package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The id of a Subagent ({@code SubagentItem}). */
public record SubagentId(String string) implements Comparable<SubagentId> {

    public SubagentId {
        Names.requireName("SubagentId", string);
    }

    public static Checked<SubagentId> checked(String string) {
        return Names.checked(() -> new SubagentId(string));
    }

    @Override
    public int compareTo(SubagentId o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
