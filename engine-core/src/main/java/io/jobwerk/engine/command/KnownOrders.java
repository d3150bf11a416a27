package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The orders a multi-order command names: all of them, or a problem naming every unknown one. */
final class KnownOrders {
    private KnownOrders() {}

    /** The orders in the given sequence, each once. */
    static Checked<List<Order>> all(EngineState state, List<OrderId> orderIds) {
        List<Order> orders = new ArrayList<>();
        List<OrderId> unknown = new ArrayList<>();
        for (OrderId id : new LinkedHashSet<>(orderIds)) {
            Order order = state.orders().get(id);
            if (order == null) {
                unknown.add(id);
            } else {
                orders.add(order);
            }
        }
        if (unknown.size() == 1) {
            return state.order(unknown.get(0)).map(List::of);
        }
        if (!unknown.isEmpty()) {
            String names = unknown.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
            return Checked.fail(Problem.of("UnknownOrder", "Unknown orders " + names,
                    Map.of("orderIds", unknown.stream().map(OrderId::string).collect(Collectors.joining(",")))));
        }
        return Checked.ok(orders);
    }
}
