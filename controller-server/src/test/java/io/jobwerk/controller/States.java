package io.jobwerk.controller;

import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.state.EngineState;

/** Controller states for table tests, built by the core from deployments and JS7 event lines. */
final class States {
    private States() {}

    /** Agent A with Subagent A-1, Agent B, and workflow W~1 whose one job runs on A. */
    static final String DEPLOYMENT = """
            {"TYPE":"AddVersion","versionId":"1"}
            {"TYPE":"AddOrChangeSimple","item":{"TYPE":"AgentRef","path":"A","directors":["A-1"]}}
            {"TYPE":"AddOrChangeSimple","item":{"TYPE":"SubagentItem","id":"A-1","agentPath":"A","uri":"http://127.0.0.1:1"}}
            {"TYPE":"AddOrChangeSimple","item":{"TYPE":"AgentRef","path":"B","directors":["B-1"]}}
            {"TYPE":"AddOrChangeSimple","item":{"TYPE":"SubagentItem","id":"B-1","agentPath":"B","uri":"http://127.0.0.1:2"}}
            {"TYPE":"AddOrChangeSimple","item":{"TYPE":"Workflow","path":"W","versionId":"1","instructions":[
              {"TYPE":"Execute.Anonymous","job":{"agentPath":"A","executable":{"TYPE":"ShellScriptExecutable","script":"true"}}}]}}
            """.replace("\n  ", "");

    static EngineState deployed() {
        var operations = ItemOperationJson.decodeNdjson(DEPLOYMENT).orThrow();
        var events = ItemOperationExecutor.execute(EngineState.EMPTY, operations, ItemJson::decodeSignedWorkflow).orThrow();
        return EngineState.EMPTY.applyEvents(events).orThrow();
    }

    /** The state with each line (a keyed event without event id, e.g. {@code {"Key":"O","TYPE":"OrderStarted"}}) applied. */
    static EngineState with(EngineState state, String... lines) {
        EngineState s = state;
        for (String line : lines) {
            s = s.applyEvent(stamped(1, line).keyedEvent()).orThrow();
        }
        return s;
    }

    /** An event line of the Agent's stream with this event id. */
    static Stamped<Event> stamped(long eventId, String line) {
        String json = "{\"eventId\":" + eventId + "," + line.trim().substring(1);
        return EventJson.decodeStamped(EngineJson.parse(json).orThrow()).orThrow();
    }

    static final String ADDED = "{\"Key\":\"O\",\"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"}}";
    static final String ATTACHABLE = "{\"Key\":\"O\",\"TYPE\":\"OrderAttachable\",\"agentPath\":\"A\"}";
    static final String ATTACHED = "{\"Key\":\"O\",\"TYPE\":\"OrderAttached\",\"agentPath\":\"A\"}";
    static final String DETACHABLE = "{\"Key\":\"O\",\"TYPE\":\"OrderDetachable\"}";
}
