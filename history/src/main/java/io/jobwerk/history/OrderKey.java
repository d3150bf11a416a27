package io.jobwerk.history;

import java.util.Objects;

/**
 * The key of an order's history entry: the id of the event that added the order ({@code OrderAdded},
 * {@code OrderOrderAdded}, or its parent's {@code OrderForked}) and the order's id, as an order id
 * can be used again once the order is deleted.
 */
public record OrderKey(long addedEventId, String orderId) {
    public OrderKey {
        Objects.requireNonNull(orderId, "orderId");
    }
}
