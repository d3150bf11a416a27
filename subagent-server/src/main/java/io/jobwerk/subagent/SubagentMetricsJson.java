package io.jobwerk.subagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.subagent.SubagentMetrics;
import java.util.Optional;

/** The metrics fields of a Subagent's overview: {@code cpuLoad}, {@code freeMemorySize}, … {@code processCount}. */
public final class SubagentMetricsJson {
    private SubagentMetricsJson() {}

    public static void put(ObjectNode o, SubagentMetrics m) {
        m.cpuLoad().ifPresent(v -> o.put("cpuLoad", v));
        m.freeMemorySize().ifPresent(v -> o.put("freeMemorySize", v));
        m.totalMemorySize().ifPresent(v -> o.put("totalMemorySize", v));
        m.committedVirtualMemorySize().ifPresent(v -> o.put("committedVirtualMemorySize", v));
        o.put("processCount", m.processCount());
    }

    public static SubagentMetrics decode(JsonNode o) {
        return new SubagentMetrics(
                o.path("cpuLoad").isNumber() ? Optional.of(o.get("cpuLoad").asDouble()) : Optional.empty(),
                longField(o, "freeMemorySize"), longField(o, "totalMemorySize"), longField(o, "committedVirtualMemorySize"),
                o.path("processCount").asInt(0));
    }

    private static Optional<Long> longField(JsonNode o, String name) {
        return o.path(name).canConvertToLong() ? Optional.of(o.get(name).asLong()) : Optional.empty();
    }
}
