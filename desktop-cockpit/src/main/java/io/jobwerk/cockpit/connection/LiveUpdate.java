package io.jobwerk.cockpit.connection;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.ArrayList;

/**
 * The Controller's state after {@code eventId}, as the UI receives it: everything that changed
 * since the UI's last update, folded into one. {@code reset}: a new snapshot, rebuild all;
 * {@code changedOrders}: orders with events (added, changed or gone); {@code itemsChanged}:
 * workflows, Agents or Subagents (or their coupling) changed; {@code output}: stdout/stderr chunks
 * in the order they were written; {@code orderEvents}: the orders' other events, in order.
 */
public record LiveUpdate(EngineState state, long eventId, boolean reset, Set<OrderId> changedOrders,
                         boolean itemsChanged, List<OrderOutput> output, List<OrderEventLine> orderEvents) {

    public LiveUpdate {
        changedOrders = Set.copyOf(changedOrders);
        output = List.copyOf(output);
        orderEvents = List.copyOf(orderEvents);
    }

    public LiveUpdate(EngineState state, long eventId, boolean reset, Set<OrderId> changedOrders,
                      boolean itemsChanged, List<OrderOutput> output) {
        this(state, eventId, reset, changedOrders, itemsChanged, output, List.of());
    }

    /** This update followed by {@code later}: the later state, the changes of both. */
    public LiveUpdate then(LiveUpdate later) {
        Set<OrderId> changed = new HashSet<>(changedOrders);
        changed.addAll(later.changedOrders);
        List<OrderOutput> out = new ArrayList<>(output);
        out.addAll(later.output);
        List<OrderEventLine> events = new ArrayList<>(orderEvents);
        events.addAll(later.orderEvents);
        return new LiveUpdate(later.state, later.eventId, reset || later.reset, changed,
                itemsChanged || later.itemsChanged, out, events);
    }
}
