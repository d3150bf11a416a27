package io.jobwerk.http.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.OrderJson;
import io.jobwerk.engine.json.OrderMarkJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.order.OrderId;
import java.util.ArrayList;
import java.util.List;

/** JSON of {@link AgentCommand}s, JS7 style: {@code {"TYPE":"AttachOrder","order":{…}}}. */
public final class AgentCommandJson {
    private AgentCommandJson() {}

    public static ObjectNode encode(AgentCommand command) {
        ObjectNode json = EngineJson.MAPPER.createObjectNode();
        switch (command.kind()) {
            case ATTACH_ITEM -> json.put("TYPE", "AttachItem").set("item", ItemJson.encode(((AgentCommand.AttachItem) command).item()));
            case DETACH_ITEM -> json.put("TYPE", "DetachItem").put("key", ((AgentCommand.DetachItem) command).key());
            case ATTACH_WORKFLOW -> json.put("TYPE", "AttachSignedItem")
                    .set("item", WorkflowJson.encodeItem(((AgentCommand.AttachWorkflow) command).workflow()));
            case ATTACH_ORDER -> json.put("TYPE", "AttachOrder").set("order", OrderJson.encode(((AgentCommand.AttachOrder) command).order()));
            case DETACH_ORDER -> json.put("TYPE", "DetachOrder").put("orderId", ((AgentCommand.DetachOrder) command).orderId().string());
            case MARK_ORDER -> {
                var mark = (AgentCommand.MarkOrder) command;
                json.put("TYPE", "MarkOrder").put("orderId", mark.orderId().string()).set("mark", OrderMarkJson.encode(mark.mark()));
            }
            case TRANSFER_ORDER -> {
                var transfer = (AgentCommand.TransferOrder) command;
                json.put("TYPE", "TransferOrder").put("orderId", transfer.orderId().string())
                        .set("workflowId", OrderJson.encode(transfer.workflowId()));
            }
            case RESET -> json.put("TYPE", "Reset");
            case RESET_SUBAGENT -> {
                var reset = (AgentCommand.ResetSubagent) command;
                json.put("TYPE", "ResetSubagent").put("subagentId", reset.subagentId().string()).put("force", reset.force());
            }
            case RELEASE_EVENTS -> json.put("TYPE", "ReleaseEvents").put("untilEventId", ((AgentCommand.ReleaseEvents) command).untilEventId());
            case BATCH -> {
                ArrayNode commands = json.put("TYPE", "Batch").putArray("commands");
                ((AgentCommand.Batch) command).commands().forEach(c -> commands.add(encode(c)));
            }
            case NO_OPERATION -> json.put("TYPE", "NoOperation");
        }
        return json;
    }

    public static Checked<AgentCommand> decode(JsonNode json) {
        String type = json.path("TYPE").asText("");
        return switch (type) {
            case "AttachItem" -> in(type, "item", ItemJson.decode(json.path("item"))).map(AgentCommand.AttachItem::new);
            case "DetachItem" -> json.path("key").isTextual() && json.get("key").asText().indexOf(':') > 0
                    ? Checked.ok(new AgentCommand.DetachItem(json.get("key").asText()))
                    : Checked.fail(Problem.of("JsonDecode", "DetachItem needs an item key like 'Subagent:S' as 'key'"));
            case "AttachSignedItem" -> in(type, "item", WorkflowJson.decode(json.path("item"))).map(AgentCommand.AttachWorkflow::new);
            case "AttachOrder" -> in(type, "order", OrderJson.decode(json.path("order"))).map(AgentCommand.AttachOrder::new);
            case "DetachOrder" -> orderId(json).map(AgentCommand.DetachOrder::new);
            case "MarkOrder" -> orderId(json).flatMap(id -> in(type, "mark", OrderMarkJson.decodeMark(json.path("mark")))
                    .map(m -> new AgentCommand.MarkOrder(id, m)));
            case "TransferOrder" -> orderId(json).flatMap(id -> in(type, "workflowId", OrderJson.decodeWorkflowId(json.path("workflowId")))
                    .map(w -> new AgentCommand.TransferOrder(id, w)));
            case "Reset" -> Checked.ok(new AgentCommand.Reset());
            case "ResetSubagent" -> json.path("subagentId").isTextual()
                    ? io.jobwerk.engine.path.SubagentId.checked(json.get("subagentId").asText())
                            .map(id -> new AgentCommand.ResetSubagent(id, json.path("force").asBoolean(false)))
                    : Checked.fail(Problem.of("JsonDecode", "ResetSubagent needs the string 'subagentId'"));
            case "ReleaseEvents" -> json.path("untilEventId").canConvertToLong()
                    ? Checked.ok(new AgentCommand.ReleaseEvents(json.get("untilEventId").asLong()))
                    : Checked.fail(Problem.of("JsonDecode", "ReleaseEvents needs a numeric 'untilEventId'"));
            case "Batch" -> {
                List<AgentCommand> commands = new ArrayList<>();
                for (JsonNode c : json.path("commands")) {
                    Checked<AgentCommand> d = decode(c);
                    if (d.isFail()) {
                        yield Checked.fail(d.problemOption().orElseThrow().withPrefix("Batch, command " + (commands.size() + 1)));
                    }
                    commands.add(d.orThrow());
                }
                yield Checked.ok(new AgentCommand.Batch(commands));
            }
            case "NoOperation" -> Checked.ok(new AgentCommand.NoOperation());
            default -> Checked.fail(Problem.of("JsonDecode", "Unknown Agent command TYPE '" + type + "'"));
        };
    }

    /** A field's decoding, its problem naming the command and the field (the field's own decoder names paths within it). */
    private static <T> Checked<T> in(String command, String field, Checked<T> decoded) {
        return decoded.mapProblem(p -> p.withPrefix(command + " '" + field + "'"));
    }

    private static Checked<OrderId> orderId(JsonNode json) {
        return json.path("orderId").isTextual() ? OrderId.existing(json.get("orderId").asText())
                : Checked.fail(Problem.of("JsonDecode", "Missing string 'orderId'"));
    }
}
