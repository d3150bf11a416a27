package io.jobwerk.history;

import java.util.Objects;
import java.util.Optional;

/**
 * An order's history entry. {@code state} is the terminal event's type ({@code OrderFinished},
 * {@code OrderFailed}, {@code OrderCancelled}) once the order ended, else its current state
 * ({@code Fresh}, {@code Processing} …). {@code startedAt} is the time of {@code OrderStarted}, or
 * until then (and for fork children) the time the order was added. Times are epoch milliseconds.
 *
 * @param main the top-level order this entry belongs to (itself for a top-level order)
 */
public record OrderRow(OrderKey key, OrderKey main, Optional<String> parentOrderId, String workflowPath, String versionId,
                       String state, String position, long addedAt, Optional<Long> scheduledFor, long startedAt,
                       Optional<Long> endedAt) {
    public OrderRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(parentOrderId, "parentOrderId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    OrderRow with(String state, String position, long startedAt, Optional<Long> endedAt) {
        return new OrderRow(key, main, parentOrderId, workflowPath, versionId, state, position, addedAt, scheduledFor, startedAt, endedAt);
    }
}
