package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code TransferOrders}: every order on the given (older) workflow version moves to the current
 * version of the path, at the same position ({@code OrderTransferred}), ordered by OrderId. All or
 * nothing: one order whose position the current version lacks fails the command. Terminated orders
 * (Finished, Cancelled, not yet deleted) stay where they ended.
 */
final class TransferOrdersExecutor {
    private TransferOrdersExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command.TransferOrders command) {
        WorkflowId from = command.workflowId();
        return state.workflow(from)
                .flatMap(old -> state.currentWorkflow(from.path()))
                .flatMap(current -> {
                    if (current.id().equals(from)) {
                        return Checked.fail(Problem.of("WorkflowVersionIsCurrent", "Workflow '" + from
                                + "' is the current version already; there is nothing to transfer to", Map.of("workflowId", from.toString())));
                    }
                    return transfer(state, from, current);
                });
    }

    private static Checked<CommandResult> transfer(EngineState state, WorkflowId from, Workflow current) {
        List<Order> orders = state.orders().values().stream()
                .filter(o -> o.workflowId().equals(from) && !o.state().isTerminated())
                .sorted(Comparator.comparing(Order::id))
                .toList();
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        for (Order order : orders) {
            if (!current.isDefinedAt(order.position())) {
                return Checked.fail(Problem.of("InvalidPosition", "Order '" + order.id() + "' cannot be transferred: workflow '"
                                + current.id() + "' has no position " + order.position(),
                        Map.of("orderId", order.id().string(), "position", order.position().toString())));
            }
            events.add(KeyedEvent.of(order.id(),
                    new OrderEvent.OrderTransferred(new WorkflowPosition(current.id(), order.position()))));
        }
        return Checked.ok(CommandResult.accepted(events));
    }
}
