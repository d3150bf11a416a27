package io.jobwerk.engine.lock;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.OrderId;
import java.util.Objects;
import java.util.Optional;
import org.pcollections.PMap;
import org.pcollections.PVector;
import org.pcollections.HashTreePMap;
import org.pcollections.TreePVector;

/**
 * A lock's holders and its queue. An exclusive demand (no count) needs the lock free and takes it
 * whole; shared demands add their counts up to the limit. Orders are served in queue order: an
 * order may acquire only when no other order is queued before it.
 */
public record LockState(Item.LockItem lock, PMap<OrderId, Integer> holders, PVector<OrderId> queue) {

    /** The count an exclusive holder is recorded with. */
    public static final int EXCLUSIVE = -1;

    public LockState {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(holders, "holders");
        Objects.requireNonNull(queue, "queue");
    }

    public static LockState of(Item.LockItem lock) {
        return new LockState(lock, HashTreePMap.empty(), TreePVector.empty());
    }

    public int usedCount() {
        int sum = 0;
        for (int c : holders.values()) {
            sum += c == EXCLUSIVE ? lock.limit() : c;
        }
        return sum;
    }

    public boolean isHeldExclusively() {
        return holders.containsValue(EXCLUSIVE);
    }

    /** Why the order may not acquire now, or empty if it may. */
    public Optional<String> obstacle(OrderId orderId, Optional<Integer> count) {
        if (holders.containsKey(orderId)) {
            return Optional.of("Lock " + lock.path() + " is already held by order " + orderId);
        }
        if (count.isPresent() && count.get() > lock.limit()) {
            return Optional.of("Lock " + lock.path() + " has limit " + lock.limit() + " but " + count.get() + " is demanded");
        }
        if (!queue.isEmpty() && !queue.get(0).equals(orderId)) {
            return Optional.of("Lock " + lock.path() + " is queued by order " + queue.get(0));
        }
        if (count.isEmpty()) {
            return holders.isEmpty() ? Optional.empty() : Optional.of("Lock " + lock.path() + " is in use");
        }
        if (isHeldExclusively() || usedCount() + count.get() > lock.limit()) {
            return Optional.of("Lock " + lock.path() + " has not enough capacity");
        }
        return Optional.empty();
    }

    public LockState acquire(OrderId orderId, Optional<Integer> count) {
        return new LockState(lock, holders.plus(orderId, count.orElse(EXCLUSIVE)), queue.minus(orderId));
    }

    public LockState release(OrderId orderId) {
        return new LockState(lock, holders.minus(orderId), queue.minus(orderId));
    }

    public LockState enqueue(OrderId orderId) {
        return queue.contains(orderId) ? this : new LockState(lock, holders, queue.plus(orderId));
    }

    public LockState dequeue(OrderId orderId) {
        return new LockState(lock, holders, queue.minus(orderId));
    }

    public LockState withLock(Item.LockItem lock) {
        return new LockState(lock, holders, queue);
    }
}
