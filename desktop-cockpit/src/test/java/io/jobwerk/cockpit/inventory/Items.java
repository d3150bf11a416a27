package io.jobwerk.cockpit.inventory;

import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.state.EngineState;

/** Controller states for the tests, built by the engine's own deployment decision from item operations (NDJSON). */
final class Items {
    private Items() {}

    static final String AGENT = String.join("\n",
            "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"SubagentItem\",\"id\":\"agent-1\",\"agentPath\":\"agent\",\"uri\":\"http://127.0.0.1:1\"}}",
            "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"AgentRef\",\"path\":\"agent\",\"directors\":[\"agent-1\"]}}");

    static EngineState state(String ndjson) {
        var operations = ItemOperationJson.decodeNdjson(ndjson).orThrow();
        var events = ItemOperationExecutor.execute(EngineState.EMPTY, operations, s -> {
            throw new IllegalStateException("unsigned only");
        }).orThrow();
        return EngineState.EMPTY.applyEvents(events).orThrow();
    }

    static EngineState withAgent(String... moreLines) {
        return state(AGENT + (moreLines.length == 0 ? "" : "\n" + String.join("\n", moreLines)));
    }
}
