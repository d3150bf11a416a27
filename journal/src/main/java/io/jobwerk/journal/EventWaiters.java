package io.jobwerk.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Readers waiting for events after an id: woken when the journal publishes a later event, or when it
 * closes. The publisher sets its last event id before calling {@link #wake}, and a reader checks it
 * under the same lock, so no wake-up is lost.
 */
final class EventWaiters {

    private record Waiter(long after, CompletableFuture<Void> future) {}

    private final Object lock = new Object();
    private final LongSupplier lastEventId;
    // guarded by lock
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean closed;

    EventWaiters(LongSupplier lastEventId) {
        this.lastEventId = lastEventId;
    }

    /** Completes as soon as an event with an id above {@code after} is published, or on {@link #close}. */
    CompletableFuture<Void> whenEventsAfter(long after) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (lock) {
            if (lastEventId.getAsLong() > after || closed) {
                future.complete(null);
            } else {
                waiters.add(new Waiter(after, future));
            }
        }
        return future;
    }

    /**
     * Blocks until an event after {@code after} is published, the waiters close, or {@code timeout}
     * passed; false when the thread was interrupted (its flag set again).
     */
    boolean await(long after, Duration timeout) {
        CompletableFuture<Void> f = whenEventsAfter(after);
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            synchronized (lock) {
                waiters.removeIf(w -> w.future() == f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    /** Wakes the waiters for events before {@code lastEventId} (just published). */
    void wake(long lastEventId) {
        List<Waiter> woken = new ArrayList<>();
        synchronized (lock) {
            waiters.removeIf(w -> {
                if (w.after() < lastEventId) {
                    woken.add(w);
                    return true;
                }
                return false;
            });
        }
        woken.forEach(w -> w.future().complete(null));
    }

    /** Wakes every waiter, now and later: no more events will come. */
    void close() {
        List<Waiter> woken;
        synchronized (lock) {
            closed = true;
            woken = new ArrayList<>(waiters);
            waiters.clear();
        }
        woken.forEach(w -> w.future().complete(null));
    }
}
