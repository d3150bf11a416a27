package io.jobwerk.history.broker;

import java.util.Objects;

/**
 * One order event as published to a message broker.
 *
 * @param eventId   the Controller's event id: unique, and increasing in the order the events happened
 *                  (so also per order); a broker that drops duplicates uses it as the message id
 * @param orderId   the order the event belongs to
 * @param eventType the event's JS7 type, e.g. {@code OrderProcessed}
 * @param json      the message body, a JSON object (its fields are documented in docs/architecture.md, "Events to a message broker")
 */
public record OrderEventMessage(long eventId, String orderId, String eventType, String json) {
    public OrderEventMessage {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(json, "json");
    }
}
