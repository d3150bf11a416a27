package io.jobwerk.engine.event;

import java.util.Objects;
import java.util.Optional;

/**
 * An event with the key of what it is about ({@code "Key"} in JSON: an OrderId, a board path …);
 * events about the whole system (cluster, controller) have no key.
 */
public record KeyedEvent<E extends Event>(Optional<String> key, E event) {

    public KeyedEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
    }

    public static <E extends Event> KeyedEvent<E> of(Object key, E event) {
        return new KeyedEvent<>(Optional.of(key.toString()), event);
    }

    public static <E extends Event> KeyedEvent<E> keyless(E event) {
        return new KeyedEvent<>(Optional.empty(), event);
    }

    @Override
    public String toString() {
        return key.map(k -> k + " <-: ").orElse("") + event;
    }
}
