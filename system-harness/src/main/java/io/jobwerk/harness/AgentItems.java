package io.jobwerk.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import java.util.Optional;

/** The items that make an Agent known to a Controller, as JS7 JSON and {@code /item} NDJSON lines. */
public final class AgentItems {

    private AgentItems() {}

    public static ObjectNode agentRef(AgentPath agentPath, SubagentId director, Optional<Integer> processLimit) {
        ObjectNode agentRef = EngineJson.MAPPER.createObjectNode().put("TYPE", "AgentRef").put("path", agentPath.string());
        agentRef.putArray("directors").add(director.string());
        processLimit.ifPresent(limit -> agentRef.put("processLimit", limit));
        return agentRef;
    }

    public static ObjectNode subagentItem(String id, AgentPath agentPath, String uri) {
        return EngineJson.MAPPER.createObjectNode().put("TYPE", "SubagentItem").put("id", id).put("agentPath", agentPath.string())
                .put("uri", uri).put("disabled", false);
    }

    /** {@code {"TYPE":"AddOrChangeSimple","item":ITEM}}, one line without its newline. */
    public static String line(JsonNode item) {
        ObjectNode operation = EngineJson.MAPPER.createObjectNode().put("TYPE", "AddOrChangeSimple");
        operation.set("item", item);
        return EngineJson.print(operation);
    }
}
