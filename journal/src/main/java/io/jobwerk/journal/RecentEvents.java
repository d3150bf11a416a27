package io.jobwerk.journal;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The newest durable events in memory with the codec's bytes as written, so that readers following
 * the journal closely need neither the files nor a decode, and event streams need no encode.
 * Written by one thread (the journal's writer), read by any.
 */
final class RecentEvents {

    private record Kept(Stamped<? extends Event> stamped, byte[] bytes) {}

    private final int capacity;
    private final ConcurrentSkipListMap<Long, Kept> kept = new ConcurrentSkipListMap<>();
    // all events with an id above it are kept
    private volatile long floor;
    private int count; // writer only

    /** Keeping up to {@code capacity} events, starting after {@code lastEventId}. */
    RecentEvents(int capacity, long lastEventId) {
        this.capacity = capacity;
        this.floor = lastEventId;
    }

    /** Adds the events just made durable (with their bytes, same order), dropping the oldest beyond the capacity. */
    void add(List<? extends Stamped<? extends Event>> written, List<byte[]> bytes) {
        for (int i = 0; i < written.size(); i++) {
            kept.put(written.get(i).eventId(), new Kept(written.get(i), bytes.get(i)));
        }
        count += written.size();
        while (count > capacity) {
            long first = kept.firstKey();
            floor = first;
            kept.remove(first);
            count--;
        }
    }

    /**
     * Up to {@code limit} events after {@code after} up to {@code last}, when memory holds all of
     * them; empty when some are older than what is kept (then read the files).
     */
    Optional<List<Stamped<? extends Event>>> read(long after, long last, int limit) {
        if (after < floor) {
            return Optional.empty();
        }
        List<Stamped<? extends Event>> result = new ArrayList<>(Math.min(limit, 1024));
        for (Kept k : kept.tailMap(after, false).values()) {
            if (k.stamped().eventId() > last || result.size() == limit) {
                break;
            }
            result.add(k.stamped());
        }
        // the floor may have passed `after` while we read: then an event may be missing at the start
        return after >= floor ? Optional.of(result) : Optional.empty();
    }

    /** The bytes of a kept event up to {@code last}. */
    Optional<byte[]> bytes(long eventId, long last) {
        Kept k = eventId <= last ? kept.get(eventId) : null;
        return k == null ? Optional.empty() : Optional.of(k.bytes());
    }
}
