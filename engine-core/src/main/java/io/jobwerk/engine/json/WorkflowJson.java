package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.path.CalendarPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.OrderPreparation;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Workflow} in the JS7 engine format, as the Controller accepts it as a signed item:
 * {@code path}, {@code versionId}, {@code orderPreparation{parameters{NAME:{type, default|final}},
 * allowUndeclared}}, {@code timeZone} (default UTC, then omitted), {@code instructions}, {@code jobs},
 * {@code jobResourcePaths}, {@code calendarPath}, {@code result} — written in this order, defaults
 * and empty collections omitted. On input {@code "TYPE":"Workflow"} is optional and unknown keys
 * are ignored. The decoded workflow is verified with {@link Workflow#checked} (named jobs exist,
 * labels unique, Retry and Break placed correctly); such a problem is reported at path {@code $}
 * with argument {@code cause} naming the original problem code.
 */
public final class WorkflowJson {
    private WorkflowJson() {}

    /** Decodes a workflow that carries its {@code versionId}. */
    public static Checked<Workflow> decode(JsonNode json) {
        return decode(json, Optional.empty());
    }

    /**
     * Decodes a workflow; {@code defaultVersionId} is used when the JSON has no {@code versionId}
     * (e.g. a workflow file before deployment). Without either, a problem.
     */
    public static Checked<Workflow> decode(JsonNode json, Optional<VersionId> defaultVersionId) {
        return JsonCursor.decode(json, c -> workflow(c, defaultVersionId));
    }

    /** The workflow's JSON, without {@code "TYPE":"Workflow"} (see {@link #encodeItem}). */
    public static ObjectNode encode(Workflow workflow) {
        ObjectNode o = EngineJson.object();
        o.put("path", workflow.path().string());
        o.put("versionId", workflow.id().versionId().string());
        if (!workflow.orderPreparation().isDefault()) {
            o.set("orderPreparation", encode(workflow.orderPreparation()));
        }
        if (!workflow.timeZone().equals(Workflow.DEFAULT_TIME_ZONE)) {
            o.put("timeZone", workflow.timeZone().getId());
        }
        Block block = workflow.block();
        o.set("instructions", InstructionJson.encodeInstructions(block.instructions()));
        InstructionJson.putJobs(o, block.jobs());
        if (!workflow.jobResourcePaths().isEmpty()) {
            ArrayNode a = o.putArray("jobResourcePaths");
            workflow.jobResourcePaths().forEach(p -> a.add(p.string()));
        }
        workflow.calendarPath().ifPresent(p -> o.put("calendarPath", p.string()));
        InstructionJson.putResult(o, block.result());
        return o;
    }

    /** The workflow as an inventory item, {@code "TYPE":"Workflow"} first, as signed for deployment. */
    public static ObjectNode encodeItem(Workflow workflow) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", "Workflow");
        o.setAll(encode(workflow));
        return o;
    }

    public static Checked<OrderPreparation> decodeOrderPreparation(JsonNode json) {
        return JsonCursor.decode(json, WorkflowJson::orderPreparation);
    }

    public static ObjectNode encode(OrderPreparation orderPreparation) {
        ObjectNode o = EngineJson.object();
        ObjectNode params = o.putObject("parameters");
        orderPreparation.parameters().forEach((name, p) -> {
            ObjectNode po = params.putObject(name);
            p.type().ifPresent(t -> po.set("type", encodeType(t)));
            p.defaultValue().ifPresent(e -> po.put("default", e.source()));
            p.finalValue().ifPresent(e -> po.put("final", e.source()));
        });
        JobJson.putTrue(o, "allowUndeclared", orderPreparation.allowUndeclared());
        return o;
    }

    static Workflow workflow(JsonCursor c, Optional<VersionId> defaultVersionId) {
        c.requireObject();
        c.optional("TYPE").ifPresent(t -> {
            if (!t.string().equals("Workflow")) {
                throw t.fail("expected 'Workflow', found '" + t.string() + "'");
            }
        });
        WorkflowPath path = c.required("path").as(WorkflowPath::checked);
        VersionId versionId = c.optional("versionId").map(v -> v.as(VersionId::checked))
                .or(() -> defaultVersionId)
                .orElseThrow(() -> c.fail("missing required field 'versionId'"));
        OrderPreparation orderPreparation = c.optional("orderPreparation").map(WorkflowJson::orderPreparation)
                .orElse(OrderPreparation.DEFAULT);
        ZoneId timeZone = c.optional("timeZone").map(WorkflowJson::zone).orElse(Workflow.DEFAULT_TIME_ZONE);
        List<JobResourcePath> jobResourcePaths = c.optional("jobResourcePaths")
                .map(a -> a.list(p -> p.as(JobResourcePath::checked))).orElse(List.of());
        Optional<CalendarPath> calendarPath = c.optional("calendarPath").map(p -> p.as(CalendarPath::checked));
        Block block = InstructionJson.block(c);
        Workflow workflow = new Workflow(new WorkflowId(path, versionId), orderPreparation, timeZone, jobResourcePaths,
                calendarPath, block);
        return c.check(Workflow.checked(workflow));
    }

    private static ZoneId zone(JsonCursor c) {
        String s = c.string();
        try {
            return ZoneId.of(s);
        } catch (DateTimeException e) {
            throw c.fail("unknown time zone '" + s + "'");
        }
    }

    static OrderPreparation orderPreparation(JsonCursor c) {
        Map<String, OrderPreparation.Parameter> parameters = new LinkedHashMap<>();
        c.optional("parameters").ifPresent(ps -> {
            for (Map.Entry<String, JsonCursor> e : ps.fields()) {
                JsonCursor p = e.getValue().requireObject();
                Optional<OrderPreparation.ValueType> type = p.optional("type").map(WorkflowJson::valueType);
                Optional<Expr> defaultValue = p.optional("default").map(JsonCursor::expr);
                Optional<Expr> finalValue = p.optional("final").map(JsonCursor::expr);
                parameters.put(e.getKey(), p.construct(() -> new OrderPreparation.Parameter(type, defaultValue, finalValue)));
            }
        });
        return new OrderPreparation(parameters, c.optionalBool("allowUndeclared"));
    }

    private static OrderPreparation.ValueType valueType(JsonCursor c) {
        if (c.node().isTextual()) {
            return simpleType(c, c.string());
        }
        String type = c.type();
        switch (type) {
            case "List":
                return new OrderPreparation.ListType(valueType(c.required("elementType")));
            case "Object": {
                Map<String, OrderPreparation.ValueType> fields = new LinkedHashMap<>();
                for (Map.Entry<String, JsonCursor> e : c.fields()) {
                    if (!e.getKey().equals("TYPE")) {
                        fields.put(e.getKey(), valueType(e.getValue()));
                    }
                }
                return new OrderPreparation.ObjectType(fields);
            }
            default:
                return simpleType(c.child("TYPE"), type);
        }
    }

    private static OrderPreparation.ValueType simpleType(JsonCursor c, String name) {
        for (OrderPreparation.Simple s : OrderPreparation.Simple.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw c.fail("unknown parameter type '" + name + "', expected String, Number, Boolean, List or Object");
    }

    private static JsonNode encodeType(OrderPreparation.ValueType type) {
        if (type instanceof OrderPreparation.Simple s) {
            return TextNode.valueOf(s.name());
        }
        ObjectNode o = EngineJson.object();
        if (type instanceof OrderPreparation.ListType l) {
            o.put("TYPE", "List");
            o.set("elementType", encodeType(l.elementType()));
        } else {
            o.put("TYPE", "Object");
            ((OrderPreparation.ObjectType) type).fields().forEach((k, v) -> o.set(k, encodeType(v)));
        }
        return o;
    }
}
