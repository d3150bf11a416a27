package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.state.EngineState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code ChangeOrder}: a new priority for an order that has not terminated; an unchanged priority emits nothing. */
final class ChangeOrderExecutor {
    private ChangeOrderExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command.ChangeOrder command) {
        return state.order(command.orderId()).flatMap(order -> {
            if (command.priority().isEmpty()) {
                return Checked.ok(CommandResult.accepted());
            }
            if (order.state().isTerminated()) {
                return Checked.fail(Problem.of("OrderTerminated", "Order '" + order.id() + "' has terminated ("
                        + order.state().kind().typeName() + ") and cannot be changed", Map.of("orderId", order.id().string())));
            }
            BigDecimal priority = command.priority().get();
            return Checked.ok(isSame(order, priority) ? CommandResult.accepted()
                    : CommandResult.accepted(List.of(KeyedEvent.of(order.id(), new OrderEvent.OrderPriorityChanged(priority)))));
        });
    }

    private static boolean isSame(Order order, BigDecimal priority) {
        return order.priority().compareTo(priority) == 0;
    }
}
