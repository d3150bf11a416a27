package io.jobwerk.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.shapes.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs one shape on an engine until it rests, giving the operator commands its reactions ask for,
 * and returns the recording: per order the normalized event list, the commands with their answers,
 * and the orders that remain.
 *
 * <p>Rest: no event of the case for the quiet period while no order of the case is processing,
 * waiting for a short sleep or retry delay, or moving between Controller and Agent. When an
 * expected recording is given, the run also ends as soon as the events equal it and a shorter quiet
 * period brought nothing more (a matching case needs no long wait).
 */
final class ShapeRun {

    /** The events of all cases, dispatched by OrderId. */
    static final class Dispatcher {
        private final Map<String, BlockingQueue<Map.Entry<String, JsonNode>>> cases = new java.util.concurrent.ConcurrentHashMap<>();

        void register(String caseName, BlockingQueue<Map.Entry<String, JsonNode>> queue) {
            cases.put(caseName, queue);
        }

        void unregister(String caseName) {
            cases.remove(caseName);
        }

        private static final Pattern OWN_SUFFIX = Pattern.compile("(\\|.*|-added\\d+(\\|.*)?)?");

        void dispatch(String orderIdWithDate, JsonNode event) {
            String orderId = Normalizer.DAY.matcher(orderIdWithDate).replaceFirst("");
            // the longest case name that owns this id (names may be prefixes of each other)
            String best = null;
            for (String name : cases.keySet()) {
                if (orderId.startsWith(name) && OWN_SUFFIX.matcher(orderId.substring(name.length())).matches()
                        && (best == null || name.length() > best.length())) {
                    best = name;
                }
            }
            if (best != null) {
                BlockingQueue<Map.Entry<String, JsonNode>> q = cases.get(best);
                if (q != null) {
                    q.add(Map.entry(orderIdWithDate, event));
                }
            }
        }
    }

    private static final Set<String> MOVING = Set.of("OrderAttachable", "OrderDetachable", "OrderSleeping",
            "OrderRetrying", "OrderCancellationMarked", "OrderSuspensionMarked", "OrderResumptionMarked", "OrderGoMarked",
            "OrderForked", "OrderAdded", "OrderCyclingPrepared");

    private final EngineUnderTest engine;
    private final Dispatcher dispatcher;
    private final long quietMillis;
    private final long maxMillis;

    ShapeRun(EngineUnderTest engine, Dispatcher dispatcher, long quietMillis, long maxMillis) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.quietMillis = quietMillis;
        this.maxMillis = maxMillis;
    }

    /**
     * Runs the shape, the recording in the fixture format (without the shape).
     *
     * @param expectedOrders the recorded events to stop early on when reached, or null
     */
    ObjectNode run(Shape shape, JsonNode expectedOrders) throws Exception {
        String name = shape.name();
        Normalizer normalizer = new Normalizer(name, engine.renames());
        BlockingQueue<Map.Entry<String, JsonNode>> queue = new LinkedBlockingQueue<>();
        dispatcher.register(name, queue);
        Map<String, List<JsonNode>> orders = new TreeMap<>();
        ArrayNode commands = JsonNodeFactory.instance.arrayNode();
        List<Boolean> fired = new ArrayList<>();
        shape.reactions().forEach(r -> fired.add(false));
        Map<String, Integer> processing = new HashMap<>();
        Map<String, String> lastEvent = new HashMap<>();
        Set<String> seenOrders = new HashSet<>();
        long now = System.currentTimeMillis();
        shape.orders().forEach(spec -> seenOrders.add(spec.orderId(now)));
        boolean timedOut = false;
        try {
            engine.deploy(shape);
            for (Shape.OrderSpec spec : shape.orders()) {
                Optional<String> problem = engine.addOrder(spec.freshOrder(now));
                if (problem.isPresent()) {
                    ObjectNode c = commands.addObject();
                    c.put("command", "AddOrder " + normalizer.orderKey(spec.orderId()));
                    c.put("response", problem.get());
                }
            }
            long start = System.currentTimeMillis();
            long lastEventAt = start;
            while (true) {
                long t = System.currentTimeMillis();
                if (t - start > maxMillis) {
                    timedOut = true;
                    break;
                }
                boolean busy = processing.values().stream().anyMatch(n -> n > 0)
                        || lastEvent.values().stream().anyMatch(MOVING::contains);
                boolean complete = expectedOrders != null && equalsExpected(orders, expectedOrders);
                long quiet = complete ? Math.min(quietMillis, 300) : busy ? 3 * quietMillis : quietMillis;
                if (t - lastEventAt >= quiet) {
                    break;
                }
                Map.Entry<String, JsonNode> e = queue.poll(Math.max(1, quiet - (t - lastEventAt)), TimeUnit.MILLISECONDS);
                if (e == null) {
                    continue;
                }
                lastEventAt = System.currentTimeMillis();
                String orderId = e.getKey();
                seenOrders.add(orderId);
                String type = e.getValue().get("TYPE").textValue();
                orders.computeIfAbsent(normalizer.orderKey(orderId), k -> new ArrayList<>()).add(normalizer.event(e.getValue()));
                lastEvent.put(orderId, type);
                if (type.equals("OrderProcessingStarted")) {
                    processing.merge(orderId, 1, Integer::sum);
                } else if (type.equals("OrderProcessed")) {
                    processing.merge(orderId, -1, Integer::sum);
                }
                for (int i = 0; i < shape.reactions().size(); i++) {
                    Shape.Reaction r = shape.reactions().get(i);
                    if (r.onEvent().equals(type) && (r.every() || !fired.get(i))
                            && r.orderSuffix().map(s -> Normalizer.DAY.matcher(orderId).replaceFirst("").equals(name + s)).orElse(true)) {
                        fired.set(i, true);
                        ObjectNode command = r.commandFor(orderId);
                        if (command.path("position").isTextual() && command.get("position").textValue().equals("@POSITION")) {
                            Optional<JsonNode> position = engine.position(orderId);
                            command.set("position", position.orElse(JsonNodeFactory.instance.nullNode()));
                        }
                        String response = engine.execute(command);
                        ObjectNode c = commands.addObject();
                        c.set("command", normalizer.value(command));
                        c.put("response", response);
                    }
                }
            }
        } finally {
            dispatcher.unregister(name);
        }
        ObjectNode recording = JsonNodeFactory.instance.objectNode();
        ObjectNode o = recording.putObject("orders");
        orders.forEach((k, v) -> {
            ArrayNode a = o.putArray(k);
            v.forEach(a::add);
        });
        recording.set("commands", commands);
        ArrayNode remains = recording.putArray("remains");
        Map<String, JsonNode> remaining = new TreeMap<>();
        for (JsonNode order : engine.orders()) {
            String id = order.get("id").textValue();
            if (seenOrders.contains(id)) {
                ObjectNode n = normalizer.order(order);
                remaining.put(n.get("id").textValue(), n);
            }
        }
        remaining.values().forEach(remains::add);
        if (timedOut) {
            recording.put("restNotReachedWithinMillis", maxMillis);
        }
        return recording;
    }

    private static boolean equalsExpected(Map<String, List<JsonNode>> orders, JsonNode expected) {
        if (orders.size() != expected.size()) {
            return false;
        }
        for (Map.Entry<String, List<JsonNode>> e : orders.entrySet()) {
            JsonNode x = expected.get(e.getKey());
            if (x == null || x.size() != e.getValue().size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!x.get(i).equals(e.getValue().get(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
