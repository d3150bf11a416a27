package io.jobwerk.engine.workflow;

import java.util.Objects;

/** A position in a particular workflow version. */
public record WorkflowPosition(WorkflowId workflowId, Position position) {
    public WorkflowPosition {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(position, "position");
    }
}
