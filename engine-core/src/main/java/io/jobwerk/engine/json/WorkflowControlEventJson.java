package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@link WorkflowControlEvent}s, keyless:
 * {@code {"TYPE":"WorkflowPathControlUpdated","path":"W","suspended":true,"skip":["LABEL"]}} and
 * {@code {"TYPE":"WorkflowControlUpdated","workflowId":{"path":"W","versionId":"1"},"breakpoints":[[1],[2,"then",0]]}}.
 * Sets are written sorted (labels by name, positions in workflow order); {@code suspended} and
 * {@code breakpoints} are always written, an empty {@code skip} is omitted. (JS7 models these as the
 * items {@code WorkflowPathControl} and {@code WorkflowControl} changed by item events; Jobwerk has
 * dedicated events with the same fields.)
 */
public final class WorkflowControlEventJson {
    private WorkflowControlEventJson() {}

    static boolean isType(String type) {
        return type.equals("WorkflowPathControlUpdated") || type.equals("WorkflowControlUpdated");
    }

    public static Checked<WorkflowControlEvent> decode(JsonNode json) {
        return JsonCursor.decode(json, WorkflowControlEventJson::event);
    }

    public static ObjectNode encode(WorkflowControlEvent event) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", event.typeName());
        switch (event.kind()) {
            case WORKFLOW_PATH_CONTROL_UPDATED -> {
                WorkflowControlEvent.WorkflowPathControlUpdated e = (WorkflowControlEvent.WorkflowPathControlUpdated) event;
                o.put("path", e.path().string());
                o.put("suspended", e.suspended());
                putSkip(o, e.skip());
            }
            case WORKFLOW_CONTROL_UPDATED -> {
                WorkflowControlEvent.WorkflowControlUpdated e = (WorkflowControlEvent.WorkflowControlUpdated) event;
                o.set("workflowId", OrderJson.encode(e.workflowId()));
                o.set("breakpoints", positions(e.breakpoints()));
            }
        }
        return o;
    }

    static WorkflowControlEvent event(JsonCursor c) {
        String type = c.type();
        return switch (type) {
            case "WorkflowPathControlUpdated" -> new WorkflowControlEvent.WorkflowPathControlUpdated(
                    c.required("path").as(WorkflowPath::checked), c.optionalBool("suspended"), skip(c));
            case "WorkflowControlUpdated" -> new WorkflowControlEvent.WorkflowControlUpdated(
                    OrderJson.workflowId(c.required("workflowId")), positions(c.required("breakpoints")));
            default -> throw c.child("TYPE").fail("unknown workflow control event TYPE '" + type + "'");
        };
    }

    static void putSkip(ObjectNode o, Set<Label> skip) {
        if (!skip.isEmpty()) {
            ArrayNode a = o.putArray("skip");
            skip.stream().sorted().forEach(l -> a.add(l.string()));
        }
    }

    static Set<Label> skip(JsonCursor c) {
        return c.optional("skip").map(s -> new LinkedHashSet<>(s.list(l -> l.as(Label::checked)))).map(Set::<Label>copyOf)
                .orElse(Set.of());
    }

    static ArrayNode positions(Set<Position> positions) {
        ArrayNode a = EngineJson.array();
        positions.stream().sorted().forEach(p -> a.add(PositionJson.encode(p)));
        return a;
    }

    static Set<Position> positions(JsonCursor c) {
        return new LinkedHashSet<>(c.list(PositionJson::position));
    }
}
