package io.jobwerk.engine.event;

/**
 * Issues strictly increasing event ids from the milliseconds the caller passes in:
 * {@code epochMilli × 1000 + counter}; when the clock stands still or steps back, the counter carries on.
 * Not thread-safe: one per journal, used under its lock.
 */
public final class EventIds {
    private long last;

    public EventIds(long lastEventId) {
        this.last = lastEventId;
    }

    public long next(long epochMilli) {
        long candidate = epochMilli * 1000;
        last = candidate > last ? candidate : last + 1;
        return last;
    }

    public long last() {
        return last;
    }

    public static long toEpochMilli(long eventId) {
        return eventId / 1000;
    }
}
