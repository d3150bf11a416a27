package io.jobwerk.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes an engine's order events and orders comparable across engines and runs: drops what varies
 * between runs (event ids, timestamps, version ids, due times, run ids), writes the case's name as
 * {@code @} (so {@code myCase|A} becomes {@code @|A}), renames the engine's own Agent and Subagent
 * names to JS7's, and strips the end time from cycle branch ids ({@code cycle+end=…,i=1}).
 * Everything else an event carries is kept.
 */
final class Normalizer {

    /** Fields whose values differ from run to run, at any depth. */
    private static final Set<String> DROPPED = Set.of("eventId", "timestamp", "Key", "versionId", "delayedUntil",
            "until", "scheduledFor", "platformInfo", "subagentRunId", "agentRunId", "processId", "pid", "speedRecord", "endOfLife");

    /** The day in an OrderId a Calendar reads ({@code #2026-12-07#}), written {@code #TODAY#}. */
    static final Pattern DAY = Pattern.compile("^#\\d{4}-\\d{2}-\\d{2}#");

    /** The same day inside a text (a failed join names its children: {@code Order:#2026-12-07#@|a Failed}). */
    private static final Pattern DAY_IN_TEXT = Pattern.compile("#\\d{4}-\\d{2}-\\d{2}#");

    private static final Pattern CYCLE_END = Pattern.compile("end=\\d+,?");

    private final String caseName;
    private final Map<String, String> renames;

    /** @param renames exact string values to rename (e.g. Jobwerk's Agent name to {@code AGENT}) */
    Normalizer(String caseName, Map<String, String> renames) {
        this.caseName = caseName;
        this.renames = renames;
    }

    String orderKey(String orderId) {
        return string(orderId);
    }

    /** A Controller order event in the JS7 engine format (stamped or not). */
    ObjectNode event(JsonNode event) {
        ObjectNode o = (ObjectNode) value(event);
        JsonNode cycleState = o.get("cycleState");
        if (cycleState instanceof ObjectNode c) {
            c.remove(List.of("end", "next"));
        }
        return o;
    }

    /** An order as JS7's snapshot writes it: what remains of it at rest. */
    ObjectNode order(JsonNode order) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", string(order.get("id").textValue()));
        JsonNode wp = order.get("workflowPosition");
        o.put("workflow", string(wp.get("workflowId").get("path").textValue()));
        o.set("position", value(wp.get("position")));
        o.set("state", value(order.get("state")));
        for (String f : List.of("attachedState", "isSuspended", "isResumed", "mark", "parent")) {
            if (order.has(f)) {
                o.set(f, value(order.get(f)));
            }
        }
        return o;
    }

    JsonNode value(JsonNode node) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(string(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!DROPPED.contains(n)) {
                    o.set(n, value(node.get(n)));
                }
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(x -> a.add(value(x)));
            return a;
        }
        return canonicalNumbers(node);
    }

    /** Numbers compare by value: integral ones as longs, others as decimals without trailing zeros. */
    static JsonNode canonicalNumbers(JsonNode node) {
        if (node.isNumber()) {
            java.math.BigDecimal d = node.decimalValue().stripTrailingZeros();
            if (d.scale() <= 0 && d.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && d.compareTo(java.math.BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
                return JsonNodeFactory.instance.numberNode(d.longValueExact());
            }
            return JsonNodeFactory.instance.numberNode(d);
        }
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), canonicalNumbers(e.getValue())));
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(x -> a.add(canonicalNumbers(x)));
            return a;
        }
        return node.deepCopy();
    }

    private String string(String s) {
        String renamed = renames.get(s);
        if (renamed != null) {
            return renamed;
        }
        String r = DAY_IN_TEXT.matcher(s).replaceAll("#TODAY#").replace(caseName, "@");
        if (r.startsWith("cycle+")) {
            r = CYCLE_END.matcher(r).replaceAll("");
        }
        return r;
    }
}
