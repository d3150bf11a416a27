package io.jobwerk.engine.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A committed event: its {@code eventId} (strictly increasing, epoch-ms × 1000 + counter) and,
 * when it differs from the id's time (e.g. mirrored Agent events), the original {@code timestamp} in ms.
 */
public record Stamped<E extends Event>(long eventId, Optional<Long> timestampMillis, KeyedEvent<E> keyedEvent) {

    public Stamped {
        if (eventId < 0) {
            throw new IllegalArgumentException("eventId must not be negative: " + eventId);
        }
        Objects.requireNonNull(timestampMillis, "timestampMillis");
        Objects.requireNonNull(keyedEvent, "keyedEvent");
    }

    /** The event's time in ms: the explicit timestamp, else the one encoded in the event id. */
    public long effectiveTimestampMillis() {
        return timestampMillis.orElse(eventId / 1000);
    }
}
