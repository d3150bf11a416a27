package io.jobwerk.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.http.client.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The Controller's event stream as a test reads it: every event since the start, counted per order,
 * read on demand and resumed after the last event id also across a Controller restart.
 */
final class EventLog {

    static final Set<String> TERMINAL = Set.of("OrderFinished", "OrderFailed", "OrderCancelled", "OrderBroken", "OrderDeleted");

    private final EngineClient client;
    private final List<JsonNode> events = new ArrayList<>();
    private final Map<String, List<JsonNode>> byOrder = new HashMap<>();
    private final Set<String> terminated = new HashSet<>();
    private long after;

    EventLog(EngineClient client) {
        this.client = client;
    }

    /** Reads events until {@code done} (checked after each event) or fails after {@code timeout}. */
    void await(BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; " + summary());
            }
            Checked<Long> read = client.readEvents(after, Duration.ofSeconds(1), e -> {
                add(e);
                return !done.getAsBoolean();
            });
            if (read.isFail()) {
                sleep(200);
            }
        }
    }

    /** Waits until every one of {@code orderIds} has a terminal event. */
    void awaitTerminated(Set<String> orderIds, Duration timeout) {
        await(() -> terminated.containsAll(orderIds), timeout, orderIds.size() + " orders to terminate");
    }

    void awaitTerminated(String orderId, Duration timeout) {
        awaitTerminated(Set.of(orderId), timeout);
    }

    /** Waits for an event of the order with this TYPE. */
    void awaitEvent(String orderId, String type, Duration timeout) {
        await(() -> count(orderId, type) > 0, timeout, orderId + " " + type);
    }

    private void add(JsonNode e) {
        events.add(e);
        after = e.path("eventId").asLong(after);
        String key = e.path("Key").asText(null);
        String type = e.path("TYPE").asText();
        if (key != null && type.startsWith("Order")) {
            byOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            if (TERMINAL.contains(type)) {
                terminated.add(key);
            }
        }
    }

    List<JsonNode> all() {
        return events;
    }

    List<JsonNode> ofOrder(String orderId) {
        return byOrder.getOrDefault(orderId, List.of());
    }

    List<String> typesOf(String orderId) {
        return ofOrder(orderId).stream().map(e -> e.path("TYPE").asText()).toList();
    }

    long count(String orderId, String type) {
        return ofOrder(orderId).stream().filter(e -> e.path("TYPE").asText().equals(type)).count();
    }

    long lastEventId() {
        return after;
    }

    private String summary() {
        Map<String, Long> lastTypes = byOrder.values().stream()
                .collect(Collectors.groupingBy(l -> l.get(l.size() - 1).path("TYPE").asText(), Collectors.counting()));
        return events.size() + " events read, " + terminated.size() + " orders terminated; last event per order: " + lastTypes;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
