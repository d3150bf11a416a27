package io.jobwerk.history;

import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.history.broker.OrderEventMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run of events changes in the history, each row in its last form: written in one
 * transaction together with {@link #lastEventId}, so a run is stored all or nothing.
 */
final class HistoryBatch {
    final Map<OrderKey, OrderRow> orders = new LinkedHashMap<>();
    final Map<Long, TaskRow> tasks = new LinkedHashMap<>();
    final List<LogChunk> chunks = new ArrayList<>();
    /** Per order id: its live entry to store, or empty when the history stops following it. */
    final Map<String, Optional<LiveOrder>> live = new LinkedHashMap<>();
    final List<Workflow> workflows = new ArrayList<>();
    /** The broker messages of the run's order events, in event order; collected only when {@link #collectsOutbox}. */
    final List<OrderEventMessage> outbox = new ArrayList<>();
    final boolean collectsOutbox;
    long lastEventId;
    int eventCount;

    HistoryBatch(boolean collectsOutbox) {
        this.collectsOutbox = collectsOutbox;
    }

    void order(OrderRow row) {
        orders.put(row.key(), row);
    }

    void task(TaskRow row) {
        tasks.put(row.id(), row);
    }

    void live(String orderId, Optional<LiveOrder> liveOrder) {
        live.put(orderId, liveOrder);
    }
}
