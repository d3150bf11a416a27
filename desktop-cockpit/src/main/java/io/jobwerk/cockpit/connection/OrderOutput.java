package io.jobwerk.cockpit.connection;

import io.jobwerk.engine.order.OrderId;

/**
 * What an order's log gains with one event: a chunk its job wrote to stdout or stderr
 * ({@code OrderStdoutWritten}, {@code OrderStderrWritten}), or the line that opens or closes a step
 * ({@code OrderProcessingStarted}, {@code OrderProcessed}), written as the history writes it.
 */
public record OrderOutput(OrderId orderId, Kind kind, String chunk, long eventId) {

    public enum Kind { STDOUT, STDERR, STEP_STARTED, STEP_ENDED }

    public static OrderOutput stdout(OrderId orderId, String chunk, long eventId) {
        return new OrderOutput(orderId, Kind.STDOUT, chunk, eventId);
    }

    public boolean isStderr() {
        return kind == Kind.STDERR;
    }
}
