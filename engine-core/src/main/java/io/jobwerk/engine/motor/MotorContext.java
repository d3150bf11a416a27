package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The inputs every instruction executor decides on. */
record MotorContext(EngineState state, Instant now, Placement placement, MotorEnvironment env) {

    /** The same moment, placement and environment on {@code next} (a state after events tried out). */
    MotorContext withState(EngineState next) {
        return new MotorContext(next, now, placement, env);
    }

    OrderScope scope(Order order, Workflow workflow, Position position) {
        return new OrderScope(state, order, workflow, position, now, env);
    }

    OrderScope scope(Order order, Workflow workflow) {
        return scope(order, workflow, order.position());
    }

    static KeyedEvent<OrderEvent> keyed(OrderId orderId, OrderEvent event) {
        return KeyedEvent.of(orderId, event);
    }

    boolean isSkipped(Workflow workflow, Instruction instruction) {
        Optional<Label> label = instruction.label();
        Optional<WorkflowPathControl> control = state.pathControl(workflow.path());
        return label.isPresent() && control.isPresent() && control.get().skip().contains(label.get());
    }

    boolean isWorkflowSuspended(Workflow workflow) {
        return state.pathControl(workflow.path()).map(WorkflowPathControl::suspended).orElse(false);
    }

    boolean isBreakpoint(Order order, Position position) {
        return state.breakpoints(order.workflowId()).contains(position)
                && !(order.isResumed() && order.position().equals(position));
    }

    /** Whether the order is to finish here: a stop position, or the end of its inner block. */
    boolean isStopPosition(Order order, Workflow workflow, Position position) {
        for (PositionOrLabel p : order.stopPositions()) {
            if (workflow.resolve(p).toOptional().filter(position::equals).isPresent()) {
                return true;
            }
        }
        return order.innerBlock().isPresent()
                && position.branchPath().equals(order.innerBlock().get())
                && isEnd(workflow, position);
    }

    static boolean isEnd(Workflow workflow, Position position) {
        Instruction.Kind kind = workflow.instruction(position).map(Instruction::kind).orElse(Instruction.Kind.IMPLICIT_END);
        return kind == Instruction.Kind.IMPLICIT_END || kind == Instruction.Kind.END;
    }

    static Position owner(List<Position.Segment> path, int i) {
        return new Position(path.subList(0, i), path.get(i).nr());
    }

    static <T> Checked<T> problem(String code, String message) {
        return Checked.fail(Problem.of(code, message));
    }
}
