package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code AddOrder} and {@code AddOrders}: one {@code OrderAdded} per valid fresh order. */
final class AddOrderExecutor {
    private AddOrderExecutor() {}

    /** A duplicate order id is no error, as in JS7: nothing happens and the response says so. */
    static Checked<CommandResult> addOrder(EngineState state, Command.AddOrder command) {
        FreshOrder order = command.order();
        if (state.orders().containsKey(order.id())) {
            return Checked.ok(new CommandResult(List.of(), new CommandResponse.AddOrderResponse(true)));
        }
        return FreshOrderChecker.toOrderAdded(state, order)
                .map(added -> new CommandResult(List.of(added), new CommandResponse.AddOrderResponse(false)));
    }

    /** All or nothing: the first invalid or duplicate order fails the whole command. */
    static Checked<CommandResult> addOrders(EngineState state, Command.AddOrders command) {
        Set<OrderId> seen = new HashSet<>();
        for (FreshOrder order : command.orders()) {
            if (!seen.add(order.id()) || state.orders().containsKey(order.id())) {
                return Checked.fail(Problem.of("DuplicateOrder", "Duplicate order '" + order.id() + "'",
                        Map.of("orderId", order.id().string())));
            }
        }
        List<KeyedEvent<OrderEvent.OrderAdded>> events = new ArrayList<>();
        for (FreshOrder order : command.orders()) {
            Checked<KeyedEvent<OrderEvent.OrderAdded>> added = FreshOrderChecker.toOrderAdded(state, order);
            if (added.isFail()) {
                return Checked.fail(added.problemOption().orElseThrow());
            }
            events.add(added.orThrow());
        }
        return Checked.ok(CommandResult.accepted(events));
    }
}
