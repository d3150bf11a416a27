package io.jobwerk.engine.state;

import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.Objects;
import java.util.Set;

/** How an operator controls a workflow path: suspended, and labels of instructions to skip. */
public record WorkflowPathControl(WorkflowPath path, boolean suspended, Set<Label> skip) {
    public WorkflowPathControl {
        Objects.requireNonNull(path, "path");
        skip = Set.copyOf(skip);
    }
}
