package io.jobwerk.cockpit.live;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayList;
import java.util.List;

/** Engine states for ViewModel tests, rebuilt by the core from snapshot objects as the Controller sends them. */
public final class Snapshots {
    private Snapshots() {}

    public static final String WORKFLOW = "{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":["
            + "{\"TYPE\":\"Prompt\",\"question\":\"'Go on?'\"},"
            + "{\"TYPE\":\"Execute.Anonymous\",\"job\":{\"agentPath\":\"A\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"exit 0\"}}}]}";

    /** An order of workflow W at position {@code nr} in state {@code stateJson}, e.g. {@code {"TYPE":"Fresh"}}. */
    public static String order(String id, int nr, String stateJson, String... more) {
        return "{\"TYPE\":\"Order\",\"id\":\"" + id + "\",\"workflowPosition\":{\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"},"
                + "\"position\":[" + nr + "]},\"state\":" + stateJson + String.join("", more) + "}";
    }

    public static EngineState state(String... orders) {
        List<String> lines = new ArrayList<>(List.of(
                "{\"TYPE\":\"AgentRef\",\"path\":\"A\",\"directors\":[\"A-1\"]}",
                "{\"TYPE\":\"SubagentItem\",\"id\":\"A-1\",\"agentPath\":\"A\",\"uri\":\"http://127.0.0.1:1\"}",
                WORKFLOW,
                "{\"TYPE\":\"CurrentWorkflowVersion\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"}}"));
        lines.addAll(List.of(orders));
        return EngineStateJson.fromSnapshotObjects(lines.stream().map(l -> EngineJson.parse(l).orThrow()).toList()).orThrow();
    }
}
