package io.jobwerk.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.shapes.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One recorded case (see {@code js7-recorded/README.md}): the shape, and what the engine did with
 * it — per order the normalized Controller events, the operator commands with their answers, and the
 * orders that remained at rest.
 */
record Fixture(Shape shape, ObjectNode recording) {

    static final String RECORDED_FROM = "JS7 2.9.1-SNAPSHOT, commit 028faf533f";

    static Fixture parse(String json) {
        JsonNode j = EngineJson.parse(json).orThrow();
        ObjectNode recording = JsonNodeFactory.instance.objectNode();
        // what the Normalizer drops today is dropped from older recordings too
        Normalizer dropping = new Normalizer("\u0000", Map.of());
        for (String f : List.of("orders", "commands", "remains", "restNotReachedWithinMillis")) {
            if (j.has(f)) {
                recording.set(f, f.equals("orders") ? dropping.value(j.get(f)) : Normalizer.canonicalNumbers(j.get(f)));
            }
        }
        return new Fixture(Shape.fromJson(j.get("shape")), recording);
    }

    String name() {
        return shape.name();
    }

    /** Pretty JSON with one event per line, so a re-recording shows as a readable git diff. */
    String print() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"case\": ").append(EngineJson.print(text(shape.name()))).append(",\n");
        sb.append("  \"recordedFrom\": ").append(EngineJson.print(text(RECORDED_FROM))).append(",\n");
        sb.append("  \"orders\": {");
        Iterator<Map.Entry<String, JsonNode>> orders = recording.get("orders").fields();
        boolean firstOrder = true;
        while (orders.hasNext()) {
            Map.Entry<String, JsonNode> e = orders.next();
            sb.append(firstOrder ? "\n" : ",\n").append("    ").append(EngineJson.print(text(e.getKey()))).append(": [\n");
            firstOrder = false;
            for (int i = 0; i < e.getValue().size(); i++) {
                sb.append("      ").append(EngineJson.print(e.getValue().get(i))).append(i + 1 < e.getValue().size() ? ",\n" : "\n");
            }
            sb.append("    ]");
        }
        sb.append(firstOrder ? "},\n" : "\n  },\n");
        sb.append("  \"commands\": ").append(lines(recording.get("commands"))).append(",\n");
        sb.append("  \"remains\": ").append(lines(recording.get("remains"))).append(",\n");
        if (recording.has("restNotReachedWithinMillis")) {
            sb.append("  \"restNotReachedWithinMillis\": ").append(recording.get("restNotReachedWithinMillis")).append(",\n");
        }
        sb.append("  \"shape\": ").append(EngineJson.prettyPrint(shape.toJson()).replace("\n", "\n  ")).append("\n}\n");
        return sb.toString();
    }

    private static String lines(JsonNode array) {
        if (array.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < array.size(); i++) {
            sb.append("    ").append(EngineJson.print(array.get(i))).append(i + 1 < array.size() ? ",\n" : "\n");
        }
        return sb.append("  ]").toString();
    }

    private static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }

    /**
     * The first difference between this (expected) recording and {@code actual}: the first order
     * whose events differ (expected vs actual list, with the first differing index), else differing
     * remains or command answers (a refusal's wording is not compared, only that it was refused).
     */
    Optional<String> firstDifference(ObjectNode actual) {
        JsonNode expectedOrders = recording.get("orders");
        JsonNode actualOrders = actual.get("orders");
        TreeSet<String> keys = new TreeSet<>();
        expectedOrders.fieldNames().forEachRemaining(keys::add);
        actualOrders.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode x = expectedOrders.path(key);
            JsonNode a = actualOrders.path(key);
            if (!x.equals(a)) {
                int i = 0;
                while (i < x.size() && i < a.size() && x.get(i).equals(a.get(i))) {
                    i++;
                }
                return Optional.of("order " + key + ": event #" + (i + 1) + " expected "
                        + (i < x.size() ? EngineJson.print(x.get(i)) : "(none)") + " but was "
                        + (i < a.size() ? EngineJson.print(a.get(i)) : "(none)")
                        + "\n  expected: " + eventList(x) + "\n  actual:   " + eventList(a));
            }
        }
        JsonNode xr = recording.get("remains");
        JsonNode ar = actual.get("remains");
        if (!xr.equals(ar)) {
            return Optional.of("remaining orders differ\n  expected: " + EngineJson.print(xr) + "\n  actual:   " + EngineJson.print(ar));
        }
        JsonNode xc = answers(recording.get("commands"));
        JsonNode ac = answers(actual.get("commands"));
        if (!xc.equals(ac)) {
            return Optional.of("operator commands differ\n  expected: " + EngineJson.print(recording.get("commands"))
                    + "\n  actual:   " + EngineJson.print(actual.get("commands")));
        }
        return Optional.empty();
    }

    private static JsonNode answers(JsonNode commands) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (JsonNode c : commands) {
            ObjectNode o = a.addObject();
            o.set("command", c.get("command"));
            o.put("response", c.get("response").asText().startsWith("Problem") ? "Problem" : c.get("response").asText());
        }
        return a;
    }

    /** The events of one order as a compact list: TYPE with its fields. */
    static String eventList(JsonNode events) {
        if (events.isMissingNode()) {
            return "(no such order)";
        }
        List<String> list = new ArrayList<>();
        for (JsonNode e : events) {
            ObjectNode copy = e.deepCopy();
            String type = copy.remove("TYPE").asText();
            list.add(copy.isEmpty() ? type : type + EngineJson.print(copy));
        }
        return String.join(", ", list);
    }
}
