package io.jobwerk.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.PositionJson;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.history.broker.OrderEventMessage;
import java.time.Instant;
import java.util.Optional;

/**
 * The broker message of an order event: the order as the history sees it right after the event, and
 * the task for {@code OrderProcessingStarted} and {@code OrderProcessed}. Pure.
 */
final class OrderEventMessages {
    private OrderEventMessages() {
    }

    /** Logs are the history's, not the broker's: their events are not published. */
    static boolean isPublished(OrderEvent event) {
        return event.kind() != OrderEvent.Kind.STDOUT_WRITTEN && event.kind() != OrderEvent.Kind.STDERR_WRITTEN;
    }

    static OrderEventMessage of(long eventId, long at, OrderEvent event, Order order, OrderRow row, Optional<TaskRow> task) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("eventId", eventId);
        o.put("eventType", event.typeName());
        o.put("timestamp", iso(at));
        o.put("orderId", row.key().orderId());
        row.parentOrderId().ifPresent(parent -> o.put("parentOrderId", parent));
        o.put("workflowPath", row.workflowPath());
        o.put("versionId", row.versionId());
        o.put("state", row.state());
        o.set("position", PositionJson.encode(order.position()));
        o.put("addedAt", iso(row.addedAt()));
        row.scheduledFor().ifPresent(t -> o.put("scheduledFor", iso(t)));
        o.put("startedAt", iso(row.startedAt()));
        row.endedAt().ifPresent(t -> o.put("endedAt", iso(t)));
        task.ifPresent(t -> o.set("task", task(t)));
        return new OrderEventMessage(eventId, row.key().orderId(), event.typeName(), EngineJson.print(o));
    }

    private static ObjectNode task(TaskRow t) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("taskId", t.id());
        o.set("position", EngineJson.parse(t.position()).orThrow());
        t.jobName().ifPresent(name -> o.put("jobName", name));
        t.agentPath().ifPresent(agent -> o.put("agentPath", agent));
        o.put("subagentId", t.subagentId());
        o.put("startedAt", iso(t.startedAt()));
        t.endedAt().ifPresent(at -> o.put("endedAt", iso(at)));
        t.returnCode().ifPresent(rc -> o.put("returnCode", rc));
        t.outcome().ifPresent(outcome -> o.put("outcome", outcome));
        t.message().ifPresent(message -> o.put("message", message));
        return o;
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
