package io.jobwerk.cockpit.connection;

import io.jobwerk.engine.order.OrderId;
import java.time.Instant;

/**
 * One of an order's events as the order detail lists it: when, its type ({@code OrderMoved}) and its
 * fields as the Controller wrote them, compact ({@code {"to":[1]}}). Output chunks are not events
 * here: the log holds them.
 */
public record OrderEventLine(OrderId orderId, long eventId, Instant at, String type, String fields) {}
