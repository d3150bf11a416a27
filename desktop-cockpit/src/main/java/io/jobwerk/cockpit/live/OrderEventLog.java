package io.jobwerk.cockpit.live;

import io.jobwerk.cockpit.connection.OrderEventLine;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events the Cockpit has seen of each order still at the Controller, the last
 * {@value #PER_ORDER} per order (a retry loop must not grow it without bound); an order's entry
 * goes with the order. Events before the Cockpit connected are not here (the history has the steps).
 */
final class OrderEventLog {
    static final int PER_ORDER = 200;

    private final Map<String, ArrayDeque<OrderEventLine>> byOrder = new HashMap<>();

    void add(Collection<OrderEventLine> lines) {
        for (OrderEventLine line : lines) {
            ArrayDeque<OrderEventLine> deque = byOrder.computeIfAbsent(line.orderId().string(), id -> new ArrayDeque<>());
            if (deque.size() == PER_ORDER) {
                deque.removeFirst();
            }
            deque.addLast(line);
        }
    }

    List<OrderEventLine> of(String orderId) {
        ArrayDeque<OrderEventLine> deque = byOrder.get(orderId);
        return deque == null ? List.of() : List.copyOf(deque);
    }

    void retainOnly(java.util.Set<String> orderIds) {
        byOrder.keySet().retainAll(orderIds);
    }

    void remove(Collection<String> orderIds) {
        orderIds.forEach(byOrder::remove);
    }
}
