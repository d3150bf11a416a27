package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of an Agent (an {@code AgentRef} item). */
public record AgentPath(String string) implements Comparable<AgentPath> {

    public AgentPath {
        Names.requirePath("AgentPath", string);
    }

    public static Checked<AgentPath> checked(String string) {
        return Names.checked(() -> new AgentPath(string));
    }

    @Override
    public int compareTo(AgentPath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
