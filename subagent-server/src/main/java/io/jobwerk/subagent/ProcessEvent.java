package io.jobwerk.subagent;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.order.OrderEvent;
import java.util.Objects;

/**
 * An order event of one job process of a Subagent ({@code OrderStdoutWritten},
 * {@code OrderStderrWritten}, {@code OrderProcessed}), with the task id of the start it belongs
 * to, so the Director can tell an outcome of an earlier attempt of the same order from the current
 * one. On the wire it is the order event with the field {@code taskId} ({@link ProcessEventJson}).
 */
public record ProcessEvent(String taskId, OrderEvent orderEvent) implements Event {

    public ProcessEvent {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(orderEvent, "orderEvent");
    }

    @Override
    public String typeName() {
        return orderEvent.typeName();
    }
}
