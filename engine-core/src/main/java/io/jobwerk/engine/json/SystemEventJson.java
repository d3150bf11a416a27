package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SystemEvent}s as a JS7 Controller writes them (see the recorded trace in the test fixture
 * {@code engine-core/src/test/resources/js7/traces/simple-try-catch.events.ndjson}), fields in JS7's order:
 * {@code ControllerInitialized{controllerId, initiallyStartedAt (ms)}}, {@code ControllerReady{timezone,
 * totalRunningTime (s)}}, {@code SnapshotTaken}, {@code AgentDedicated{agentRunId, agentEventId?}},
 * {@code AgentCoupled}, {@code AgentReady{timezone, platformInfo?}}, {@code AgentEventsObserved{untilEventId}},
 * {@code AgentCouplingFailed{problem}}, {@code AgentReset}, {@code SubagentCoupled},
 * {@code SubagentDedicated{subagentRunId, platformInfo?}}, {@code SubagentCouplingFailed{problem}},
 * {@code ItemAttachable{key, delegateId}}, {@code ItemAttached{key, itemRevision?, delegateId}},
 * {@code ItemDetachable{key, delegateId}}, {@code ItemDetached{key, delegateId}}, {@code ItemDeletionMarked{key}}.
 * {@code platformInfo} is kept as a plain object value, whatever its fields.
 */
public final class SystemEventJson {
    private SystemEventJson() {}

    private static final Map<String, SystemEvent.Kind> TYPE_TO_KIND = new HashMap<>();

    private static final Map<SystemEvent.Kind, String> KIND_TO_TYPE = new java.util.EnumMap<>(SystemEvent.Kind.class);

    static {
        for (SystemEvent.Kind k : SystemEvent.Kind.values()) {
            String type = io.jobwerk.engine.base.Names.camelCase(k.name());
            TYPE_TO_KIND.put(type, k);
            KIND_TO_TYPE.put(k, type);
        }
    }

    /** {@code AGENT_EVENTS_OBSERVED} → {@code AgentEventsObserved}. */
    static String typeName(SystemEvent.Kind kind) {
        return KIND_TO_TYPE.get(kind);
    }

    static boolean isType(String type) {
        return TYPE_TO_KIND.containsKey(type);
    }

    public static Checked<SystemEvent> decode(JsonNode json) {
        return JsonCursor.decode(json, SystemEventJson::event);
    }

    public static ObjectNode encode(SystemEvent event) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", event.typeName());
        switch (event.kind()) {
            case CONTROLLER_INITIALIZED -> {
                SystemEvent.ControllerInitialized e = (SystemEvent.ControllerInitialized) event;
                o.put("controllerId", e.controllerId());
                o.put("initiallyStartedAt", e.initiallyStartedAt().toEpochMilli());
            }
            case CONTROLLER_READY -> {
                SystemEvent.ControllerReady e = (SystemEvent.ControllerReady) event;
                o.put("timezone", e.timezone());
                o.set("totalRunningTime", EngineJson.seconds(e.totalRunningTime()));
            }
            case AGENT_DEDICATED -> {
                SystemEvent.AgentDedicated e = (SystemEvent.AgentDedicated) event;
                o.put("agentRunId", e.agentRunId());
                e.agentEventId().ifPresent(id -> o.put("agentEventId", id));
            }
            case AGENT_READY -> {
                SystemEvent.AgentReady e = (SystemEvent.AgentReady) event;
                o.put("timezone", e.timezone());
                e.platformInfo().ifPresent(p -> o.set("platformInfo", ValueJson.encodeOrThrow(p)));
            }
            case AGENT_EVENTS_OBSERVED -> o.put("untilEventId", ((SystemEvent.AgentEventsObserved) event).untilEventId());
            case SUBAGENT_EVENTS_OBSERVED -> o.put("untilEventId", ((SystemEvent.SubagentEventsObserved) event).untilEventId());
            case AGENT_COUPLING_FAILED -> o.set("problem", ProblemJson.encode(((SystemEvent.AgentCouplingFailed) event).problem()));
            case SUBAGENT_DEDICATED -> {
                SystemEvent.SubagentDedicated e = (SystemEvent.SubagentDedicated) event;
                o.put("subagentRunId", e.subagentRunId());
                e.platformInfo().ifPresent(p -> o.set("platformInfo", ValueJson.encodeOrThrow(p)));
            }
            case SUBAGENT_COUPLING_FAILED -> o.set("problem", ProblemJson.encode(((SystemEvent.SubagentCouplingFailed) event).problem()));
            case ITEM_ATTACHABLE -> {
                SystemEvent.ItemAttachable e = (SystemEvent.ItemAttachable) event;
                o.put("key", e.key());
                o.put("delegateId", e.delegateId());
            }
            case ITEM_ATTACHED -> {
                SystemEvent.ItemAttached e = (SystemEvent.ItemAttached) event;
                o.put("key", e.key());
                e.itemRevision().ifPresent(r -> o.put("itemRevision", r));
                o.put("delegateId", e.delegateId());
            }
            case ITEM_DETACHABLE -> {
                SystemEvent.ItemDetachable e = (SystemEvent.ItemDetachable) event;
                o.put("key", e.key());
                o.put("delegateId", e.delegateId());
            }
            case ITEM_DETACHED -> {
                SystemEvent.ItemDetached e = (SystemEvent.ItemDetached) event;
                o.put("key", e.key());
                o.put("delegateId", e.delegateId());
            }
            case ITEM_DELETION_MARKED -> o.put("key", ((SystemEvent.ItemDeletionMarked) event).key());
            case SNAPSHOT_TAKEN, AGENT_COUPLED, AGENT_RESET, SUBAGENT_COUPLED -> { }
        }
        return o;
    }

    static SystemEvent event(JsonCursor c) {
        String type = c.type();
        SystemEvent.Kind kind = TYPE_TO_KIND.get(type);
        if (kind == null) {
            throw c.child("TYPE").fail("unknown system event TYPE '" + type + "'");
        }
        return switch (kind) {
            case CONTROLLER_INITIALIZED -> new SystemEvent.ControllerInitialized(c.requiredString("controllerId"),
                    c.required("initiallyStartedAt").instant());
            case CONTROLLER_READY -> new SystemEvent.ControllerReady(c.requiredString("timezone"),
                    c.required("totalRunningTime").seconds());
            case SNAPSHOT_TAKEN -> new SystemEvent.SnapshotTaken();
            case AGENT_DEDICATED -> new SystemEvent.AgentDedicated(c.requiredString("agentRunId"),
                    c.optional("agentEventId").map(JsonCursor::longValue));
            case AGENT_COUPLED -> new SystemEvent.AgentCoupled();
            case AGENT_READY -> new SystemEvent.AgentReady(c.requiredString("timezone"), platformInfo(c));
            case AGENT_EVENTS_OBSERVED -> new SystemEvent.AgentEventsObserved(c.required("untilEventId").longValue());
            case SUBAGENT_EVENTS_OBSERVED -> new SystemEvent.SubagentEventsObserved(c.required("untilEventId").longValue());
            case AGENT_COUPLING_FAILED -> new SystemEvent.AgentCouplingFailed(ProblemJson.decode(c.required("problem")));
            case AGENT_RESET -> new SystemEvent.AgentReset();
            case SUBAGENT_COUPLED -> new SystemEvent.SubagentCoupled();
            case SUBAGENT_DEDICATED -> new SystemEvent.SubagentDedicated(c.requiredString("subagentRunId"), platformInfo(c));
            case SUBAGENT_COUPLING_FAILED -> new SystemEvent.SubagentCouplingFailed(ProblemJson.decode(c.required("problem")));
            case ITEM_ATTACHABLE -> new SystemEvent.ItemAttachable(ItemEventJson.itemKey(c.required("key")),
                    c.requiredString("delegateId"));
            case ITEM_ATTACHED -> new SystemEvent.ItemAttached(ItemEventJson.itemKey(c.required("key")),
                    c.optional("itemRevision").map(JsonCursor::intValue), c.requiredString("delegateId"));
            case ITEM_DETACHABLE -> new SystemEvent.ItemDetachable(ItemEventJson.itemKey(c.required("key")),
                    c.requiredString("delegateId"));
            case ITEM_DETACHED -> new SystemEvent.ItemDetached(ItemEventJson.itemKey(c.required("key")),
                    c.requiredString("delegateId"));
            case ITEM_DELETION_MARKED -> new SystemEvent.ItemDeletionMarked(ItemEventJson.itemKey(c.required("key")));
        };
    }

    private static Optional<Value.ObjectValue> platformInfo(JsonCursor c) {
        return c.optional("platformInfo").map(p -> new Value.ObjectValue(ValueJson.namedValues(p)));
    }
}
