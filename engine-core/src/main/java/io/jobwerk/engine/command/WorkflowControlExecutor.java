package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ControlWorkflowPath} and {@code ControlWorkflow}: the command changes the existing control,
 * the event carries the complete new control.
 */
final class WorkflowControlExecutor {
    private WorkflowControlExecutor() {}

    /** Suspension given or unchanged; labels with {@code true} are added to the skipped ones, with {@code false} removed. */
    static Checked<CommandResult> controlWorkflowPath(EngineState state, Command.ControlWorkflowPath command) {
        return state.currentWorkflow(command.workflowPath()).flatMap(workflow -> {
            for (Label label : command.skip().keySet()) {
                if (workflow.labelToPosition(label).isFail()) {
                    return Checked.fail(Problem.of("UnknownLabel", "Workflow '" + workflow.id() + "' has no label '" + label + "'",
                            Map.of("workflowPath", workflow.path().string(), "label", label.string())));
                }
            }
            WorkflowPathControl existing = state.pathControl(command.workflowPath())
                    .orElse(new WorkflowPathControl(command.workflowPath(), false, Set.of()));
            Set<Label> skip = new TreeSet<>(existing.skip());
            command.skip().forEach((label, add) -> {
                if (add) {
                    skip.add(label);
                } else {
                    skip.remove(label);
                }
            });
            boolean suspended = command.suspend().orElse(existing.suspended());
            return Checked.ok(CommandResult.accepted(List.of(KeyedEvent.of(command.workflowPath(),
                    new WorkflowControlEvent.WorkflowPathControlUpdated(command.workflowPath(), suspended, skip)))));
        });
    }

    /** Breakpoints are added first, then removed: a position in both sets ends up without a breakpoint. */
    static Checked<CommandResult> controlWorkflow(EngineState state, Command.ControlWorkflow command) {
        return state.workflow(command.workflowId()).flatMap(workflow -> {
            Checked<Boolean> positions = checkPositions(workflow, command.addBreakpoints())
                    .flatMap(ok -> checkPositions(workflow, command.removeBreakpoints()));
            if (positions.isFail()) {
                return Checked.fail(positions.problemOption().orElseThrow());
            }
            Set<Position> breakpoints = new TreeSet<>(state.breakpoints(command.workflowId()));
            breakpoints.addAll(command.addBreakpoints());
            breakpoints.removeAll(command.removeBreakpoints());
            return Checked.ok(CommandResult.accepted(List.of(KeyedEvent.of(command.workflowId(),
                    new WorkflowControlEvent.WorkflowControlUpdated(command.workflowId(), breakpoints)))));
        });
    }

    private static Checked<Boolean> checkPositions(Workflow workflow, Set<Position> positions) {
        for (Position position : new TreeSet<>(positions)) {
            if (!workflow.isDefinedAt(position)) {
                return Checked.fail(Problem.of("InvalidPosition", "Workflow '" + workflow.id() + "' has no position " + position,
                        Map.of("workflowId", workflow.id().toString(), "position", position.toString())));
            }
        }
        return Checked.ok(true);
    }
}
