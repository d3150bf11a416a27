package io.jobwerk.engine.workflow;

import io.jobwerk.engine.event.Event;
import java.util.Objects;
import java.util.Set;

/** Operator controls of workflows: suspend a path, skip labelled instructions, breakpoints of a version. */
public sealed interface WorkflowControlEvent extends Event {

    enum Kind { WORKFLOW_PATH_CONTROL_UPDATED, WORKFLOW_CONTROL_UPDATED }

    Kind kind();

    @Override
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** {@code ControlWorkflowPath}: suspended workflows start no new steps; skipped labels are jumped over. */
    record WorkflowPathControlUpdated(WorkflowPath path, boolean suspended, Set<Label> skip) implements WorkflowControlEvent {
        public WorkflowPathControlUpdated {
            Objects.requireNonNull(path, "path");
            skip = Set.copyOf(skip);
        }

        @Override public Kind kind() { return Kind.WORKFLOW_PATH_CONTROL_UPDATED; }
    }

    /** {@code ControlWorkflow}: orders stop (Stopped) before executing an instruction at a breakpoint. */
    record WorkflowControlUpdated(WorkflowId workflowId, Set<Position> breakpoints) implements WorkflowControlEvent {
        public WorkflowControlUpdated {
            Objects.requireNonNull(workflowId, "workflowId");
            breakpoints = Set.copyOf(breakpoints);
        }

        @Override public Kind kind() { return Kind.WORKFLOW_CONTROL_UPDATED; }
    }
}
