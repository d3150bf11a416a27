package io.jobwerk.cockpit.connection;

import io.jobwerk.engine.order.OrderId;

/** A chunk a job of an order wrote to stdout or stderr ({@code OrderStdoutWritten}, {@code OrderStderrWritten}). */
public record OrderOutput(OrderId orderId, boolean stderr, String chunk, long eventId) {}
