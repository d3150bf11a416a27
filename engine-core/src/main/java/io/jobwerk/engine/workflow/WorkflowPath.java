package io.jobwerk.engine.workflow;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of a workflow, e.g. {@code folder/daily-import}; versions of it are {@link WorkflowId}s. */
public record WorkflowPath(String string) implements Comparable<WorkflowPath> {

    public WorkflowPath {
        Names.requirePath("WorkflowPath", string);
    }

    public static Checked<WorkflowPath> checked(String string) {
        return Names.checked(() -> new WorkflowPath(string));
    }

    @Override
    public int compareTo(WorkflowPath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
