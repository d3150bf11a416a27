package io.jobwerk.http.event;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.EventIds;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An event feed held in memory, bounded to {@code capacity} events; events beyond are dropped
 * oldest first once released, or when the capacity is exceeded (readers behind them get
 * {@code EventSeqTorn}). A Subagent keeps its events this way (JS7: 10,000), as it has no journal.
 * Thread-safe.
 */
public final class MemoryEventFeed implements EventFeed {

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<Stamped<? extends Event>> events = new ArrayDeque<>(); // guarded by this
    private final EventIds eventIds;
    private long tornAfter; // guarded by this: events with id <= tornAfter are gone

    public MemoryEventFeed(int capacity, Clock clock, long lastEventId) {
        this.capacity = capacity;
        this.clock = clock;
        this.eventIds = new EventIds(lastEventId);
        this.tornAfter = lastEventId;
    }

    /** Stamps and appends events; wakes waiting readers. */
    public synchronized List<Stamped<? extends Event>> add(List<? extends KeyedEvent<? extends Event>> keyedEvents) {
        List<Stamped<? extends Event>> stamped = new ArrayList<>(keyedEvents.size());
        for (KeyedEvent<? extends Event> e : keyedEvents) {
            Stamped<? extends Event> s = stamp(eventIds.next(clock.millis()), e);
            events.addLast(s);
            stamped.add(s);
        }
        while (events.size() > capacity) {
            tornAfter = events.removeFirst().eventId();
        }
        notifyAll();
        return stamped;
    }

    private static <E extends Event> Stamped<E> stamp(long eventId, KeyedEvent<E> e) {
        return new Stamped<>(eventId, Optional.empty(), e);
    }

    /** Forgets events up to {@code untilEventId}, as a reader has stored them. */
    public synchronized void release(long untilEventId) {
        while (!events.isEmpty() && events.peekFirst().eventId() <= untilEventId) {
            tornAfter = events.removeFirst().eventId();
        }
    }

    @Override
    public synchronized Checked<List<Stamped<? extends Event>>> read(long after, int limit) {
        if (after < tornAfter) {
            return Checked.fail(Problem.of("EventSeqTorn", "Events after " + after + " are no longer available; the oldest kept event follows " + tornAfter,
                    Map.of("after", Long.toString(after), "tornEventId", Long.toString(tornAfter))));
        }
        List<Stamped<? extends Event>> result = new ArrayList<>();
        for (Stamped<? extends Event> e : events) {
            if (e.eventId() > after) {
                result.add(e);
                if (result.size() >= limit) {
                    break;
                }
            }
        }
        return Checked.ok(result);
    }

    @Override
    public synchronized boolean await(long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (eventIds.last() <= after) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }

    /** How many of the kept (not yet released) events {@code test} accepts. */
    public synchronized int countKept(Predicate<? super Stamped<? extends Event>> test) {
        int n = 0;
        for (Stamped<? extends Event> e : events) {
            if (test.test(e)) {
                n++;
            }
        }
        return n;
    }

    /** Events after this id are kept (released and dropped ones are not): reading after it never fails. */
    public synchronized long keptAfterEventId() {
        return tornAfter;
    }

    @Override
    public synchronized long lastEventId() {
        return eventIds.last();
    }
}
