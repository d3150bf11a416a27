package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The id of a Subagent bundle (a Subagent cluster). */
public record SubagentBundleId(String string) implements Comparable<SubagentBundleId> {

    public SubagentBundleId {
        Names.requireName("SubagentBundleId", string);
    }

    public static Checked<SubagentBundleId> checked(String string) {
        return Names.checked(() -> new SubagentBundleId(string));
    }

    @Override
    public int compareTo(SubagentBundleId o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
