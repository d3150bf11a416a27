package io.jobwerk.controller;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The number of orders in each state, kept up to date from the committed events: each commit looks
 * only at the orders its events concern (an event's order, a fork's children, an added order, a joined
 * parent's children). Where that does not account for every order (children forked before a restart
 * and joined after it), it counts them all once. Not thread-safe: the keeper's commits come one at a time.
 */
final class OrderStateCounts {

    private final Map<OrderId, OrderState.Kind> kinds = new HashMap<>();
    private final Map<OrderId, List<OrderId>> children = new HashMap<>();
    private final EnumMap<OrderState.Kind, Integer> counts = new EnumMap<>(OrderState.Kind.class);

    OrderStateCounts(EngineState state) {
        countAll(state);
    }

    /** The count of each state, every state present (zero where no order is in it). */
    Map<OrderState.Kind, Integer> counts() {
        EnumMap<OrderState.Kind, Integer> all = new EnumMap<>(OrderState.Kind.class);
        for (OrderState.Kind kind : OrderState.Kind.values()) {
            all.put(kind, counts.getOrDefault(kind, 0));
        }
        return all;
    }

    void committed(List<Stamped<? extends Event>> events, EngineState state) {
        Set<OrderId> touched = new LinkedHashSet<>();
        for (Stamped<? extends Event> stamped : events) {
            if (!(stamped.keyedEvent().event() instanceof OrderEvent event) || stamped.keyedEvent().key().isEmpty()) {
                continue;
            }
            OrderId id = new OrderId(stamped.keyedEvent().key().get());
            touched.add(id);
            if (event instanceof OrderEvent.OrderForked forked) {
                List<OrderId> ids = new ArrayList<>();
                forked.children().forEach(child -> ids.add(child.orderId()));
                children.put(id, ids);
                touched.addAll(ids);
            } else if (event instanceof OrderEvent.OrderJoined) {
                touched.addAll(children.getOrDefault(id, List.of()));
                children.remove(id);
            } else if (event instanceof OrderEvent.OrderOrderAdded added) {
                touched.add(added.orderId());
            }
        }
        for (OrderId id : touched) {
            Order order = state.orders().get(id);
            set(id, order == null ? null : order.state().kind());
        }
        if (kinds.size() != state.orders().size()) {
            countAll(state);
        }
    }

    private void set(OrderId id, OrderState.Kind kind) {
        OrderState.Kind previous = kind == null ? kinds.remove(id) : kinds.put(id, kind);
        if (previous != null) {
            counts.merge(previous, -1, Integer::sum);
        }
        if (kind != null) {
            counts.merge(kind, 1, Integer::sum);
        }
    }

    private void countAll(EngineState state) {
        kinds.clear();
        counts.clear();
        for (Order order : state.orders().values()) {
            set(order.id(), order.state().kind());
        }
    }
}
