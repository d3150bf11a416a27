package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code TransferOrders}: every order on the given (older) workflow version moves to the current
 * version of the path, at the same position ({@code OrderTransferred}), ordered by OrderId. All or
 * nothing: one order that cannot continue in the current version fails the command. Terminated orders
 * (Finished, Cancelled, not yet deleted) stay where they ended.
 */
public final class TransferOrdersExecutor {
    private TransferOrdersExecutor() {}

    /**
     * The transfer of one order to {@code target} (a version of its workflow path) at its current
     * position: what the Agent decides for an attached order, which may have moved on since the
     * Controller decided. Empty when the order is on {@code target} already; a problem when either
     * version is unknown or the order cannot continue in {@code target}.
     */
    public static Checked<Optional<OrderEvent.OrderTransferred>> transferOne(EngineState state, Order order, WorkflowId target) {
        if (order.workflowId().equals(target)) {
            return Checked.ok(Optional.empty());
        }
        if (!order.workflowId().path().equals(target.path())) {
            return Checked.fail(Problem.of("TransferToOtherWorkflow", "Order '" + order.id() + "' can only be transferred to a version of "
                    + order.workflowId().path()));
        }
        return state.workflow(order.workflowId()).flatMap(old -> state.workflow(target).flatMap(current -> {
            Optional<String> obstacle = obstacle(order, old, current);
            if (obstacle.isPresent()) {
                return Checked.fail(Problem.of("InvalidPosition", "Order '" + order.id() + "' cannot be transferred: " + obstacle.get(),
                        Map.of("orderId", order.id().string(), "position", order.position().toString())));
            }
            return Checked.ok(Optional.of(new OrderEvent.OrderTransferred(new WorkflowPosition(current.id(), order.position()))));
        }));
    }

    static Checked<CommandResult> execute(EngineState state, Command.TransferOrders command) {
        WorkflowId from = command.workflowId();
        return state.workflow(from)
                .flatMap(old -> state.currentWorkflow(from.path()).flatMap(current -> {
                    if (current.id().equals(from)) {
                        return Checked.fail(Problem.of("WorkflowVersionIsCurrent", "Workflow '" + from
                                + "' is the current version already; there is nothing to transfer to", Map.of("workflowId", from.toString())));
                    }
                    return transfer(state, old, current);
                }));
    }

    private static Checked<CommandResult> transfer(EngineState state, Workflow old, Workflow current) {
        List<Order> orders = state.orders().values().stream()
                .filter(o -> o.workflowId().equals(old.id()) && !o.state().isTerminated())
                .sorted(Comparator.comparing(Order::id))
                .toList();
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        for (Order order : orders) {
            Optional<String> obstacle = obstacle(order, old, current);
            if (obstacle.isPresent()) {
                return Checked.fail(Problem.of("InvalidPosition", "Order '" + order.id() + "' cannot be transferred: " + obstacle.get(),
                        Map.of("orderId", order.id().string(), "position", order.position().toString())));
            }
            events.add(KeyedEvent.of(order.id(),
                    new OrderEvent.OrderTransferred(new WorkflowPosition(current.id(), order.position()))));
        }
        return Checked.ok(CommandResult.accepted(events));
    }

    /**
     * Why the order cannot continue in {@code current}: its position, an enclosing instruction (whose
     * block the order is in: it may hold a lock, be a fork's child, cycle …), its innerBlock or a stop label
     * is not there the same way. The instruction at the position itself may differ only while the order
     * has not started on it (Fresh, Ready).
     */
    private static Optional<String> obstacle(Order order, Workflow old, Workflow current) {
        Position position = order.position();
        if (!current.isDefinedAt(position)) {
            return Optional.of("workflow '" + current.id() + "' has no position " + position);
        }
        List<Position> enclosing = new ArrayList<>();
        for (Optional<Position> p = position.parent(); p.isPresent(); p = p.get().parent()) {
            enclosing.add(p.get());
        }
        if (!order.isState(OrderState.Kind.FRESH) && !order.isState(OrderState.Kind.READY)) {
            enclosing.add(position);
        }
        for (Position p : enclosing) {
            String was = instructionName(old, p);
            String is = instructionName(current, p);
            if (!was.equals(is)) {
                return Optional.of("at " + p + " workflow '" + current.id() + "' has " + is + " where '" + old.id() + "' has " + was);
            }
        }
        if (order.innerBlock().isPresent() && current.block(order.innerBlock().get()).isEmpty()) {
            return Optional.of("workflow '" + current.id() + "' lacks the order's innerBlock");
        }
        for (PositionOrLabel stop : order.stopPositions()) {
            if (current.resolve(stop).isFail()) {
                String what = stop instanceof PositionOrLabel.AtLabel atLabel ? "label '" + atLabel.label() + "'"
                        : ((PositionOrLabel.AtPosition) stop).position().toString();
                return Optional.of("workflow '" + current.id() + "' lacks the order's stop position " + what);
            }
        }
        return Optional.empty();
    }

    private static String instructionName(Workflow workflow, Position position) {
        return workflow.instruction(position).map(i -> i.getClass().getSimpleName()).orElse("nothing");
    }
}
