package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code DeleteOrdersWhenTerminated}: marks each order ({@code OrderDeletionMarked}, unless already
 * marked) and deletes at once ({@code OrderDeleted}) those that have already terminated. All orders
 * must exist; child orders of a fork cannot be deleted (they vanish when joined).
 */
final class DeleteOrdersWhenTerminatedExecutor {
    private DeleteOrdersWhenTerminatedExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command.DeleteOrdersWhenTerminated command) {
        return KnownOrders.all(state, command.orderIds()).flatMap(orders -> {
            for (Order order : orders) {
                if (order.parent().isPresent()) {
                    return Checked.fail(Problem.of("CannotDeleteChildOrder", "Order '" + order.id() + "' is a child of order '"
                            + order.parent().get() + "' and cannot be deleted", Map.of("orderId", order.id().string())));
                }
            }
            List<KeyedEvent<? extends Event>> events = new ArrayList<>();
            for (Order order : orders) {
                if (!order.deleteWhenTerminated()) {
                    events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderDeletionMarked()));
                }
                if (order.state().isTerminated() && order.isDetached()) {
                    events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderDeleted()));
                }
            }
            return Checked.ok(CommandResult.accepted(events));
        });
    }
}
